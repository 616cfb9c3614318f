using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Pipeline.FullDisk;

public class SegmentPublishRollbackTests
{
    // Published in this order.
    public static TheoryData<string> Outputs => new([SegmentJob.TracksFile, SegmentJob.OverlayFile, SegmentJob.ReportFile, HtmlReportWriter.FileName]);

    [Theory]
    [MemberData(nameof(Outputs))]
    public void A_Publish_That_Fails_At_Any_Output_Leaves_The_Earlier_Runs_Outputs_As_They_Were(string blocked)
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = dir.File("out");
        SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));
        // The output that cannot be published: a folder stands where it goes.
        File.Delete(Path.Combine(outDir, blocked));
        Directory.CreateDirectory(Path.Combine(outDir, blocked));
        // The journal is not an output: it stays, and grows, for corrections.
        var before = FilesButTheJournal(outDir);

        // Other settings, so that every output but the tracks changes.
        var e = Assert.Throws<IOException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box") { Overlay = OverlayStyle.Default with { FillOpacity = 0.9 } }));

        Assert.Contains($"{blocked}: a folder is in the way", e.Message);
        var after = FilesButTheJournal(outDir);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, bytes) in before) Assert.True(bytes.SequenceEqual(after[file]), $"{Path.GetFileName(file)} changed");
        Assert.True(Directory.Exists(Path.Combine(outDir, blocked)));
        Assert.Empty(Directory.GetFileSystemEntries(outDir, "*.partial"));
    }

    private static Dictionary<string, byte[]> FilesButTheJournal(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f) != SegmentJournal.FileName).ToDictionary(f => f, File.ReadAllBytes);
}
