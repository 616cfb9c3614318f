using System.Text.Json.Nodes;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli;

/// <summary>Issue 20: eval checks what it can before scoring, and names the files and places at fault.</summary>
public class EvalInputCheckTests
{
    private static readonly string SampleTruth = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "gt.mots.txt");

    // The sample's ground truth has objects up to frame 90; a prediction of a 600-frame video was
    // scored against it with exit 0 (MOTSA -450).
    [Fact]
    public void A_Prediction_With_Objects_After_The_Ground_Truths_Last_Frame_Is_An_Error_Naming_Both_Files()
    {
        using var dir = new TempDir();
        string pred = dir.File("pred.txt");
        var lines = File.ReadAllLines(SampleTruth).ToList();
        var last = lines[^1].Split(' ');
        lines.Add(string.Join(' ', ["600", .. last[1..]]));
        File.WriteAllLines(pred, lines);

        var (code, _, errors) = CliRunner.Run("eval", "--pred", pred, "--gt", SampleTruth, "--out", dir.File("eval"));

        Assert.Equal(1, code);
        Assert.Contains($"frame counts differ: {pred} has objects in frame 600 but {SampleTruth} has none after frame 90", errors);
        Assert.False(Directory.Exists(dir.File("eval")));
    }

    [Fact]
    public void A_Prediction_That_Ends_Before_The_Ground_Truth_Is_Scored_Over_The_Ground_Truths_Frames()
    {
        using var dir = new TempDir();
        string pred = dir.File("pred.txt");
        File.WriteAllLines(pred, File.ReadAllLines(SampleTruth).Where(l => int.Parse(l.Split(' ')[0]) <= 45));

        var (code, output, errors) = CliRunner.Run("eval", "--pred", pred, "--gt", SampleTruth, "--out", dir.File("eval"));

        Assert.True(code == 0, errors);
        Assert.Contains("1 sequences, 90 frames", output);
    }

    [Theory]
    // A negative video height reached the RLE decoder as "degenerate RLE size: -480x640", naming nothing.
    [InlineData("height", -480, "video 1: size 640x-480, length 2: width and height must be above 0")]
    [InlineData("size", -480, "annotation 1, frame 1: RLE size 640x-480 differs from video 1's 640x480")]
    public void A_Negative_Size_In_YouTube_Vis_Names_The_File_The_Video_And_The_Frame(string field, int value, string expected)
    {
        using var dir = new TempDir();
        var doc = JsonNode.Parse("""
            {"videos": [{"id": 1, "width": 640, "height": 480, "length": 2, "file_names": ["s/0.jpg", "s/1.jpg"]}],
             "categories": [{"id": 1, "name": "car"}],
             "annotations": [{"id": 1, "video_id": 1, "category_id": 1, "segmentations": [{"size": [480, 640], "counts": [307200]}, null]}]}
            """)!;
        if (field == "height") doc["videos"]![0]!["height"] = value;
        else doc["annotations"]![0]!["segmentations"]![0]!["size"]![0] = value;
        string gt = dir.File("gt.json");
        File.WriteAllText(gt, doc.ToJsonString());

        var (code, _, errors) = CliRunner.Run("eval", "--pred", gt, "--gt", gt, "--out", dir.File("eval"));

        Assert.Equal(1, code);
        Assert.Contains($"{gt}: {expected}", errors);
    }
}
