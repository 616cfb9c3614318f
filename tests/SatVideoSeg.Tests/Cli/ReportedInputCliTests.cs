using OpenCvSharp;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli;

/// <summary>The runs of issue 18 as a user typed them: each ends with one `error:` line and exit code 1, and leaves no --out folder.</summary>
public class ReportedInputCliTests
{
    private static string Frames(TempDir dir, int count)
    {
        string folder = dir.File("frames");
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= count; i++)
        {
            using var m = new Mat(40, 60, MatType.CV_8UC3, new Scalar(30 * i, 90, 150));
            Cv2.ImWrite(Path.Combine(folder, $"{i:D6}.jpg"), m);
        }
        return folder;
    }

    [Theory]
    [InlineData("8,1,,413,14,9,1,1", "boxes.txt:2: column 3 (''): x is empty")]
    [InlineData(",1,0,413,14,9,,1", "boxes.txt:2: column 1 (''): frame is empty")]
    [InlineData("8,1,413,14,NaN,9,1,1", "boxes.txt:2: column 5 ('NaN'): w is not a finite decimal number")]
    [InlineData("8,1,1e30,14,9,1,1,1", "boxes.txt:2: column 3 ('1e30'): x is too large to hold a w of '9' (x + w rounds to x)")]
    public void A_Damaged_Box_Line_Ends_The_Run_With_Its_Line_And_Column(string line, string expected)
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 8);
        File.WriteAllText(dir.File("boxes.txt"), "1,1,2,2,8,8,1,4\n" + line + "\n");

        var (code, _, errors) = CliRunner.Run("segment", frames, "--boxes", dir.File("boxes.txt"), "--out", dir.File("out"), "-s", "box");

        Assert.Equal(1, code);
        Assert.Equal($"error: {dir.File(expected)}", errors.Trim());
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_Jpeg_Cut_To_3000_Bytes_Ends_The_Run_Naming_File_And_Frame_And_Skip_Accepts_It()
    {
        using var dir = new TempDir();
        string frames = dir.File("frames");
        Directory.CreateDirectory(frames);
        for (int i = 1; i <= 8; i++)
        {
            using var m = new Mat(120, 160, MatType.CV_8UC3);
            Cv2.Randu(m, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
            Cv2.ImEncode(".jpg", m, out var bytes);
            File.WriteAllBytes(Path.Combine(frames, $"{i:D6}.jpg"), i == 7 ? bytes[..3000] : bytes);
        }
        File.WriteAllText(dir.File("boxes.txt"), "1,1,2,2,8,8,1,4\n");

        var failed = CliRunner.Run("segment", frames, "--boxes", dir.File("boxes.txt"), "--out", dir.File("out"), "-s", "box");
        var skipped = CliRunner.Run("segment", frames, "--boxes", dir.File("boxes.txt"), "--out", dir.File("out"), "-s", "box", "--no-overlay", "--no-report", "--damaged-frames", "skip");

        Assert.Equal(1, failed.Code);
        Assert.StartsWith($"error: {Path.Combine(frames, "000007.jpg")}: frame 7 is damaged", failed.Errors.Trim());
        Assert.Equal(0, skipped.Code);
        Assert.Contains("1 damaged frames skipped", skipped.Output);
    }

    [Fact]
    public void An_Out_That_Names_A_File_Is_Reported_As_Out_By_Segment_And_Convert()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 1);
        File.WriteAllText(dir.File("boxes.txt"), "1,1,2,2,8,8,1,4\n");
        File.WriteAllText(dir.File("taken"), "");

        var segment = CliRunner.Run("segment", frames, "--boxes", dir.File("boxes.txt"), "--out", dir.File("taken"), "-s", "box");
        var convert = CliRunner.Run("convert", dir.Path, "-s", "box", "--out", dir.File("taken"));

        Assert.Equal((1, $"error: --out {dir.File("taken")}: is a file, not a folder; give a folder"), (segment.Code, segment.Errors.Trim()));
        Assert.Equal((1, $"error: --out {dir.File("taken")}: is a file, not a folder; give a folder"), (convert.Code, convert.Errors.Trim()));
    }
}
