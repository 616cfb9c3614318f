using SatVideoSeg.Cli;
using SatVideoSeg.Tests.Support;
using Spectre.Console;

namespace SatVideoSeg.Tests.Cli;

public class CliTests
{
    private static (int Code, string Output, string Errors) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void A_Missing_Input_File_Gives_One_Clear_Line_And_Exit_Code_1()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("b.txt"), "1,2,3,4\n");

        var (code, _, errors) = Run("segment", dir.File("missing.mp4"), "--boxes", dir.File("b.txt"), "--out", dir.File("out"), "-s", "box");

        Assert.Equal(1, code);
        Assert.Equal($"error: {dir.File("missing.mp4")}: no such file or folder", errors.Trim());
    }

    [Fact]
    public void A_Malformed_Box_Line_Is_Reported_As_File_Colon_Line()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        File.AppendAllText(boxes, "3,1,abc,1,1,1,1,4\n");

        var (code, _, errors) = Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box");

        Assert.Equal(1, code);
        Assert.Contains($"boxes.mot.txt:{2 * TestVideo.Frames + 1}: column 3 ('abc'): x is not a finite decimal number", errors);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_Missing_Required_Option_Is_A_Usage_Error()
    {
        var (code, _, errors) = Run("segment", "video.mp4");

        Assert.Equal(2, code);
        Assert.Contains("--boxes", errors);
    }

    [Fact]
    public void Segment_Runs_In_Process_And_Reports_What_It_Wrote()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var (code, output, errors) = Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box");

        Assert.True(code == 0, errors);
        Assert.Contains($"done: {TestVideo.Frames} frames, {2 * TestVideo.Frames} object-frames, 2 tracks with box", output);
    }

    [Fact]
    public void A_Model_Folder_That_Breaks_Its_Contract_Fails_The_Run_And_Leaves_No_Output()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string model = dir.File("model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "model.json"), "{ \"name\": \"broken\", \"contract\": \"sam\", \"encoder\": \"missing.onnx\", \"decoder\": \"missing.onnx\", \"inputSize\": 64 }");

        // The model loads in the background while decoding starts: its error must still end the run cleanly.
        var (code, _, errors) = Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-m", model);

        Assert.Equal(1, code);
        Assert.Contains("missing.onnx", errors);
        Assert.Empty(Directory.Exists(dir.File("out")) ? Directory.EnumerateFiles(dir.File("out")) : []);
    }

    [Fact]
    public void A_Negative_Batch_Size_Is_Refused_Before_Any_Work()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var (code, _, errors) = Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "--batch-size", "-2");

        Assert.Equal(1, code);
        Assert.Contains("--batch-size -2", errors);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [SamModelFact]
    public void Bench_Throughput_Prints_Every_Measure_In_One_Run()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var (code, output, errors) = Run("bench", "throughput", "--video", video, "--boxes", boxes, "--model", SamModelFactAttribute.Folder, "--threads", "1");

        Assert.True(code == 0, errors);
        foreach (var row in new[] { "(a) end to end", "(b) ONNX Runtime alone", "(c) decode vs ffmpeg raw", "(e) model alone by batch size", "batch 1 vs automatic", "(f) crops per model call", "segment --per-frame-batches" })
            Assert.Contains(row, output);
        Assert.Contains($"{TestVideo.Frames} / {2 * TestVideo.Frames}", output);
    }

    [Fact]
    public void Segment_With_Init_Only_Says_How_Many_Prompts_Were_Predicted()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var (code, output, errors) = Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box", "--init-only", "--no-overlay");

        Assert.True(code == 0, errors);
        Assert.Contains($"({2 * (TestVideo.Frames - 1)} from predicted boxes), 2 tracks with box", output);
    }

    [Theory]
    [InlineData("--boxes-every", "0", "error: --boxes-every 0: give 1 (every box) or more")]
    [InlineData("--boxes-every", "5", "error: --init-only and --boxes-every 5 exclude each other: give one")]
    public void Bad_Sparse_Prompting_Options_Give_One_Clear_Line(string option, string value, string expected)
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        var args = new List<string> { "segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box", option, value };
        if (value == "5") args.Add("--init-only");

        var (code, _, errors) = Run([.. args]);

        Assert.Equal(1, code);
        Assert.Equal(expected, errors.Trim());
    }

    [Fact]
    public void Render_Runs_In_Process_And_Reports_What_It_Wrote()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box", "--no-report");

        var (code, output, errors) = Run("render", video, "--tracks", dir.File("out/tracks.mots.txt"), "--compare", dir.File("out/tracks.mots.txt"),
            "--compare-mode", "side-by-side", "--out", dir.File("r.mp4"), "--trail", "5", "--insets", "--contours-only");

        Assert.True(code == 0, errors);
        Assert.Contains($"done: {TestVideo.Frames} frames, 2 tracks, {2 * TestVideo.Width + 4}x{TestVideo.Height}", output);
        Assert.Contains("missed 0, false 0", output);
        Assert.False(File.Exists(dir.File("out/report.html")));
    }
}
