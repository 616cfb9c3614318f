using System.Text.Json;
using SatVideoSeg.Cli;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Tests.Support;
using Spectre.Console;

namespace SatVideoSeg.Tests.Cli.Commands;

public class EvalCommandTests
{
    private static (int Code, string Output, string Errors) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Eval_Runs_In_Process_Prints_The_Table_And_Writes_Metrics_Files()
    {
        using var dir = new TempDir();
        var (gt, pred) = EvalSamples.WriteIdSwitchPair(dir.Path);
        string outDir = dir.File("eval");

        var (code, output, errors) = Run("eval", "--pred", pred, "--gt", gt, "--out", outDir);

        Assert.True(code == 0, errors);
        Assert.Contains("HOTA", output);
        Assert.Contains("all/airplane  70.7", output); // sqrt(0.5) = 70.7%
        Assert.Contains("done: 1 sequences, 4 frames, classes airplane, car, ship", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        var detAvg = json.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("sequence").GetString() == "COMBINED" && r.GetProperty("class").GetString() == "det_avg")
            .GetProperty("metrics");
        Assert.Equal(Math.Sqrt(8.0 / 9 * 0.75), detAvg.GetProperty("hota").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("sequence").GetString() == "COMBINED" && r.GetProperty("class").GetString() == "ship")
            .GetProperty("metrics").GetProperty("jandF").ValueKind);
        var csv = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.StartsWith("sequence,class,hota,detA,assA,", csv[0]);
        Assert.Equal(1 + 3 * 2 + 2 * 2, csv.Length); // header + (3 classes + 2 combinations) x (sequence + COMBINED)
        Assert.False(File.Exists(Path.Combine(outDir, "metrics.json.partial")));
    }

    [Fact]
    public void A_Size_Mismatch_Is_One_Clear_Line_And_Exit_Code_1()
    {
        using var dir = new TempDir();
        var gt = TestMots.Write(dir.File("gt.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "#")));
        var pred = TestMots.Write(dir.File("pred.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(20, 12, 1, 1, "#")));

        var (code, _, errors) = Run("eval", "--pred", pred, "--gt", gt, "--out", dir.File("out"));

        Assert.Equal(1, code);
        Assert.Equal($"error: frame sizes differ: {gt} is 16x12, {pred} is 20x12", errors.Trim());
    }

    [Fact]
    public void Eval_Without_Ground_Truth_Is_A_Usage_Error()
    {
        var (code, _, errors) = Run("eval", "--pred", "p.txt", "--out", "o");

        Assert.Equal(2, code);
        Assert.Contains("--gt", errors);
    }
}
