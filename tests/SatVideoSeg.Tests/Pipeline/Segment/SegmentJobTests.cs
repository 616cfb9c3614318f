using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Tests.Pipeline.Segment;

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
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Boxes_Beyond_The_Last_Frame_Fail_And_Leave_No_Output()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        File.AppendAllText(boxes, "50,1,10,10,4,4,1,4\n");
        string outDir = Path.Combine(dir.Path, "out");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box")));

        Assert.Contains($"boxes.mot.txt:{2 * TestVideo.Frames + 1}: a box in frame 50, past the last frame", e.Message);
        Assert.False(Directory.Exists(outDir)); // the run made the folder, and failing removes it again
    }

    [Fact]
    public void A_Cancelled_Run_Leaves_No_Partial_Output_Only_Its_Resume_Journal()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");

        CancelAfter(2, new SegmentOptions(video, boxes, outDir, "box"));

        Assert.Equal([SegmentJournal.FileName], Directory.EnumerateFiles(outDir).Select(Path.GetFileName));
    }

    [SamModelFact]
    public void A_Resumed_Run_Replays_The_Journal_And_Writes_The_Same_Tracks_As_An_Uninterrupted_Run()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string whole = Path.Combine(dir.Path, "whole"), resumed = Path.Combine(dir.Path, "resumed");
        // Sparse boxes: frames between are prompted from the linker's predictions, so replaying
        // must rebuild the linker's state exactly for the prompts to match. v1 keeps no mask
        // memory, so every journalled frame replays (a memory model replays only up to its last
        // memory snapshot: the next test).
        string model = Path.Combine(RepoPaths.Root, "models", "sat-unet-v1");
        SegmentOptions Options(string output) => new(video, boxes, output, "sam", model) { BoxesEvery = 3, WriteReport = false };
        SegmentJob.Run(Options(whole));

        CancelAfter(4, Options(resumed));
        var report = SegmentJob.Run(Options(resumed));

        // At least the 4 frames written before the cancel; up to all 8, since segmenting may run up
        // to 8 frames ahead of writing (two channels of 4) and so finish before the cancel lands.
        Assert.InRange(report.ResumedFrames, 4, TestVideo.Frames);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, SegmentJob.TracksFile)), File.ReadAllBytes(Path.Combine(resumed, SegmentJob.TracksFile)));
        // The journal stays for corrections: running the finished run again replays every frame.
        Assert.Equal(TestVideo.Frames, SegmentJob.Run(Options(resumed)).ResumedFrames);
    }

    [Fact]
    public void A_Resumed_Run_With_A_Mask_Memory_Model_Restores_The_Tracks_Memory_And_Writes_The_Same_Tracks()
    {
        // sat-unet-v2 takes each track's previous mask (maskInputUsed). The masks the journal
        // replays carry no memory, so before the memory snapshots a resumed run differed from an
        // uninterrupted one after the replayed frames (first line at 411 on this sample).
        using var dir = new TempDir();
        string sample = Path.Combine(RepoPaths.Root, "videos", "synth-sample"), model = Path.Combine(RepoPaths.Root, "models", "sat-unet-v2");
        string whole = dir.File("whole"), resumed = dir.File("resumed");
        SegmentOptions Options(string output) => new(Path.Combine(sample, "video.mp4"), Path.Combine(sample, "boxes.mot.txt"), output, "sam", model)
            { InitOnly = true, WriteReport = false, WriteOverlay = false };
        SegmentJob.Run(Options(whole));

        CancelAfter(60, Options(resumed));
        Assert.True(File.Exists(Path.Combine(resumed, SegmentJournal.MemoryFileName)), "no memory snapshot beside the journal");
        var report = SegmentJob.Run(Options(resumed));

        // Snapshots after frames 0, 25 and 50: frames 0-50 replay; the journal's later frames were
        // segmented with memory that was not saved, so they are segmented again.
        Assert.Equal(2 * SegmentJournal.MemoryEvery + 1, report.ResumedFrames);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, SegmentJob.TracksFile)), File.ReadAllBytes(Path.Combine(resumed, SegmentJob.TracksFile)));
    }

    [Fact]
    public void A_Run_Given_Corrections_Replays_The_Frames_Before_The_First_And_Equals_A_Fresh_Corrected_Run()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        // Object 1 moved 3 px right and 2 down on frame 5 (0-based 4): a correction of its box there.
        var five = File.ReadLines(boxes).Select(l => l.Split(',')).First(f => f[0] == "5" && f[1] == "1");
        string corrections = dir.File("corrections.txt");
        File.WriteAllText(corrections, $"5,1,{double.Parse(five[2]) + 3},{double.Parse(five[3]) + 2},{five[4]},{five[5]},1,1\n");
        SegmentOptions Options(string output, string? fix) => new(video, boxes, output, "box") { InitOnly = true, Corrections = fix, WriteReport = false, WriteOverlay = false };
        SegmentJob.Run(Options(dir.File("out"), null));
        var before = File.ReadAllLines(dir.File("out/" + SegmentJob.TracksFile));

        var corrected = SegmentJob.Run(Options(dir.File("out"), corrections));
        SegmentJob.Run(Options(dir.File("fresh"), corrections));

        Assert.Equal(4, corrected.ResumedFrames);
        var after = File.ReadAllLines(dir.File("out/" + SegmentJob.TracksFile));
        Assert.Equal(File.ReadAllLines(dir.File("fresh/" + SegmentJob.TracksFile)), after);
        Assert.Equal(before.Where(l => int.Parse(l.Split(' ')[0]) < 5), after.Where(l => int.Parse(l.Split(' ')[0]) < 5));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_Correction_For_An_Object_The_Boxes_Do_Not_Have_Names_Its_Line()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string corrections = dir.File("corrections.txt");
        File.WriteAllText(corrections, "3,1,10,10,8,6,1,1\n3,9,10,10,8,6,1,1\n");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { InitOnly = true, Corrections = corrections }));

        Assert.Equal($"{corrections}:2: a correction for object 9, which {boxes} does not have (corrections move the boxes of existing objects)", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_Journal_From_Other_Boxes_Is_Not_Replayed()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");
        CancelAfter(4, new SegmentOptions(video, boxes, outDir, "box"));

        File.AppendAllText(boxes, "1,7,40,40,5,5,1,4\n");
        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));

        Assert.Equal(0, report.ResumedFrames);
        Assert.Equal(3, report.Tracks);
    }

    [Fact]
    public void A_Journal_Line_Cut_Short_By_A_Crash_Is_Dropped_And_The_Rest_Replayed()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");
        CancelAfter(4, new SegmentOptions(video, boxes, outDir, "box"));
        string journal = Path.Combine(outDir, SegmentJournal.FileName);
        var lines = File.ReadAllLines(journal);
        File.WriteAllText(journal, string.Join('\n', lines) + "\n" + lines[^1][..10]);

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));

        // Header + one line per recorded frame, all intact, are replayed; the torn line is not.
        Assert.Equal(lines.Length - 1, report.ResumedFrames);
        Assert.Equal(2 * TestVideo.Frames, report.ObjectFrames);
    }

    [Fact]
    public void No_Resume_Starts_Afresh_Even_With_A_Matching_Journal()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = Path.Combine(dir.Path, "out");
        CancelAfter(4, new SegmentOptions(video, boxes, outDir, "box"));

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box") { Resume = false });

        Assert.Equal(0, report.ResumedFrames);
    }

    // Runs a job and cancels it once `frames` frames have been written.
    private static void CancelAfter(int frames, SegmentOptions options)
    {
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done == frames) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => SegmentJob.Run(options, progress, cts.Token));
    }

    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
