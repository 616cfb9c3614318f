using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.FullDisk;

// Issue 17: a disk that filled while segment wrote report.html left tracks.mots.txt, overlay.mp4
// and run.json published. Now a full disk at any output leaves only the journal, and the re-run
// (with room again) resumes from it.
public class SegmentFullDiskTests
{
    // The order segment writes in: the journal as frames are segmented, the overlay and the tracks
    // at the end of the frames (small enough to sit in their buffers until then), then run.json and report.html.
    private static readonly string[] Writes = [SegmentJournal.FileName, SegmentJob.OverlayFile, SegmentJob.TracksFile, SegmentJob.ReportFile, HtmlReportWriter.FileName];

    [SmallDiskFact]
    public void A_Full_Disk_At_Any_Output_Leaves_Only_The_Journal_And_The_Rerun_Resumes_From_It()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path, noise: true);
        var reference = SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("reference"), "box"));
        using var disk = SmallDisk.Mount(4 << 20);
        string outDir = Path.Combine(disk.Path, "out");
        var options = new SegmentOptions(video, boxes, outDir, "box");

        var failures = FullDiskSweep.Run(disk, outDir, () => SegmentJob.Run(options), Writes);

        string log = FullDiskSweep.Describe(failures);
        foreach (string write in Writes) Assert.True(failures.Any(f => f.Output == write), $"the disk never filled at {write}:\n{log}");
        foreach (var f in failures)
            Assert.True(f.FilesLeft.All(file => file == SegmentJournal.FileName), $"a failed run left more than its journal:\n{log}");
        Assert.Equal([SegmentJournal.FileName], failures[^1].FilesLeft);

        disk.Free();
        var resumed = SegmentJob.Run(options);

        Assert.Equal(reference.Frames, resumed.ResumedFrames);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("reference"), SegmentJob.TracksFile)), File.ReadAllBytes(Path.Combine(outDir, SegmentJob.TracksFile)));
        // The journal stays beside the outputs, for corrections.
        Assert.Equal([SegmentJournal.FileName, SegmentJob.OverlayFile, HtmlReportWriter.FileName, SegmentJob.ReportFile, SegmentJob.TracksFile], disk.FilesBelow(outDir));
    }
}
