using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Tests.Pipeline;

public class SegmentJobTests
{
    [Fact]
    public void Segment_Writes_Disjoint_Mask_Tracks_An_Overlay_Of_The_Input_Size_And_A_Report()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "grabcut"));

        Assert.Equal((TestVideo.Frames, 2 * TestVideo.Frames, 2), (report.Frames, report.ObjectFrames, report.Tracks));
        var records = MotsFormat.ReadFile(Path.Combine(outDir, SegmentJob.TracksFile)).ToList();
        Assert.Equal(2 * TestVideo.Frames, records.Count);
        Assert.Equal(new[] { 1, 2 }, records.Select(r => r.TrackId).Distinct().Order());
        foreach (var frame in records.GroupBy(r => r.FrameIndex))
        {
            var masks = frame.Select(r => r.Rle.Decode()).ToArray();
            Assert.Equal(0, masks[0].IntersectionArea(masks[1]));
        }
        var info = FfprobeReader.Probe(Path.Combine(outDir, SegmentJob.OverlayFile));
        Assert.Equal((TestVideo.Width, TestVideo.Height, TestVideo.Frames), (info.Width, info.Height, info.FrameCount ?? -1));
        Assert.True(File.Exists(Path.Combine(outDir, SegmentJob.ReportFile)));
        Assert.Empty(Directory.GetFiles(outDir, "*.partial"));
    }

    [Fact]
    public void A_Box_Outside_The_Frame_Stops_The_Run_Before_Anything_Is_Written()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        File.AppendAllText(boxes, "2,9,500,500,4,4,1,4\n");
        string outDir = Path.Combine(dir.Path, "out");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box")));

        Assert.Contains($"boxes.mot.txt:{2 * TestVideo.Frames + 1}: box", e.Message);
        Assert.Contains("outside the 96x64 frame", e.Message);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any());
    }

    [Fact]
    public void Boxes_Beyond_The_Last_Frame_Fail_And_Leave_No_Output()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        File.AppendAllText(boxes, "50,1,10,10,4,4,1,4\n");
        string outDir = Path.Combine(dir.Path, "out");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box")));

        Assert.Contains("boxes reach frame 50", e.Message);
        Assert.Empty(Directory.EnumerateFiles(outDir));
    }

    [Fact]
    public void A_Cancelled_Run_Leaves_No_Partial_File()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done == 2) cts.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"), progress, cts.Token));

        Assert.Empty(Directory.EnumerateFiles(outDir));
    }

    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
