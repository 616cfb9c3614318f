using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli;

public class SegmentBatchingCliTests
{
    [SamModelFact]
    public void Segment_Says_How_Full_Its_Model_Calls_Were_And_Per_Frame_Batches_Write_The_Same_Tracks()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string[] Args(string output) => ["segment", video, "--boxes", boxes, "--out", dir.File(output), "-m", SamModelFactAttribute.Folder, "--batch-size", "8", "--no-overlay", "--no-report"];

        var across = CliRunner.Run(Args("across"));
        var alone = CliRunner.Run([.. Args("alone"), "--per-frame-batches"]);

        Assert.True(across.Code == 0, across.Errors);
        Assert.True(alone.Code == 0, alone.Errors);
        // 8 frames of 2 objects: 2 calls of 8 crops across frames, 8 calls of 2 frame by frame.
        Assert.Contains("batches  2 model calls, 8.0 crops per call (batch 8, across frames)", across.Output);
        Assert.Contains("batches  8 model calls, 2.0 crops per call (batch 8, per frame)", alone.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("alone"), SegmentJob.TracksFile)), File.ReadAllBytes(Path.Combine(dir.File("across"), SegmentJob.TracksFile)));
    }

    [Fact]
    public void A_Negative_Gpu_Memory_Limit_Gives_One_Clear_Line()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var (code, _, errors) = CliRunner.Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box", "--gpu-mem-limit", "-1");

        Assert.Equal(1, code);
        Assert.Equal("error: --gpu-mem-limit -1: give MiB, 0 for no cap", errors.Trim());
    }
}
