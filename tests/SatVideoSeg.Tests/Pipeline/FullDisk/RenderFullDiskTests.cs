using SatVideoSeg.Pipeline.Render;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.FullDisk;

public class RenderFullDiskTests
{
    // Written in this order: the video (when FFmpeg finishes it), the contact sheet, the page.
    private static readonly string[] Writes = ["overlay.mp4", "sheet.png", "report.html"];

    [SmallDiskFact]
    public void A_Full_Disk_At_Any_Output_Of_Render_Leaves_None_Of_Them()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path, noise: true);
        SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("seg"), "box") { WriteReport = false, WriteOverlay = false });
        string tracks = Path.Combine(dir.File("seg"), SegmentJob.TracksFile);
        using var disk = SmallDisk.Mount(4 << 20);
        string outDir = Path.Combine(disk.Path, "out");
        var options = new RenderOptions(video, tracks, Path.Combine(outDir, Writes[0]))
        {
            ContactSheet = Path.Combine(outDir, Writes[1]),
            Report = Path.Combine(outDir, Writes[2]),
        };

        var failures = FullDiskSweep.Run(disk, outDir, () => { Directory.CreateDirectory(outDir); RenderJob.Run(options); }, Writes);

        string log = FullDiskSweep.Describe(failures);
        foreach (string write in Writes) Assert.True(failures.Any(f => f.Output == write), $"the disk never filled at {write}:\n{log}");
        Assert.True(failures.All(f => f.FilesLeft.Count == 0), $"a failed render left files:\n{log}");

        disk.Free();
        RenderJob.Run(options);

        Assert.Equal(Writes.Order(StringComparer.Ordinal), disk.FilesBelow(outDir));
    }
}
