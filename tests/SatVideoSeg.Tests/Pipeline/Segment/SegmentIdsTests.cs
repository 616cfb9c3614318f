using System.Text.Json;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Eval;
using SatVideoSeg.Pipeline.Render;
using SatVideoSeg.Pipeline.Segment;
using System.Text.RegularExpressions;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Segment;

/// <summary>Issue 17, item 2: segment takes any non-negative annotation id; MOTS renumbers what it cannot hold.</summary>
public class SegmentIdsTests
{
    // Rewrites the id column (the second) of a MOT box file.
    private static void RenameIds(string boxes, Func<string, string> rename) =>
        File.WriteAllLines(boxes, File.ReadAllLines(boxes).Select(l => l.Split(',')).Select(f => string.Join(',', [f[0], rename(f[1]), .. f[2..]])));

    [Fact]
    public void Ids_0_And_1500_Are_Renumbered_In_Mots_With_A_Map_That_Render_And_Eval_Read_Back()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        // Object 1 (a car) becomes id 1500, object 2 (a ship) id 0.
        RenameIds(boxes, id => id == "1" ? "1500" : "0");
        string outDir = dir.File("out");

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));

        string tracks = Path.Combine(outDir, SegmentJob.TracksFile);
        // Dense per class: the car 1500 -> car 1 (obj_id 4001), the ship 0 -> ship 1 (obj_id 2001).
        Assert.Equal(new[] { 2001, 4001 }, MotsFormat.ReadFile(tracks).Select(r => r.ObjectId).Distinct().Order());
        var map = TrackIdMap.FindFor(tracks)!;
        Assert.Equal(new Dictionary<int, int> { [0] = 2001, [1500] = 4001 }, map.Written);
        Assert.NotNull(report.IdMap);
        using (var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, SegmentJob.ReportFile))))
            Assert.Equal(TrackIdMap.FileName, run.RootElement.GetProperty("idMap").GetProperty("file").GetString());
        // Run-level quality keeps the user's ids (the linker's track ids).
        Assert.Equal(new[] { 0, 1500 }, report.TrackQuality.Select(q => q.TrackId));

        // render: the tracks read back with their original ids, on the page too.
        Assert.Equal(new[] { 0, 1500 }, MaskTrackFile.Read(tracks).ForFrame(0, TestVideo.Width, TestVideo.Height).Objects.Select(o => o.TrackId).Order());
        RenderJob.Run(new RenderOptions(video, tracks, dir.File("r.mp4")) { Report = dir.File("r.html") });
        string page = File.ReadAllText(dir.File("r.html"));
        Assert.Contains("id=\"track-1500\"", page);
        Assert.Contains("id=\"track-0\"", page);

        // eval: the objects are named by their original ids.
        var sequence = EvalInput.Open(tracks, "prediction", isGroundTruth: false, frameBase: 1).Sequences.Single();
        Assert.Equal(new[] { 0, 1500 }, sequence.ReadFrames(1).Single().Objects.Select(o => o.TrackId).Order());
    }

    [Fact]
    public void Ids_That_Fit_Are_Written_As_They_Are_Without_A_Map()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = dir.File("out");

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box") { WriteOverlay = false, WriteReport = false });

        Assert.Null(report.IdMap);
        Assert.False(File.Exists(Path.Combine(outDir, TrackIdMap.FileName)));
        Assert.Equal(new[] { 1, 2 }, MotsFormat.ReadFile(Path.Combine(outDir, SegmentJob.TracksFile)).Select(r => r.TrackId).Distinct().Order());
        // Track quality is gathered with the report off too.
        Assert.Equal(2, report.TrackQuality.Count);
    }

    [Fact]
    public void The_Console_Says_Once_That_Ids_Were_Renumbered()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        RenameIds(boxes, id => id == "1" ? "1500" : id);

        var (code, output, _) = CliRunner.Run("segment", video, "--boxes", boxes, "--out", dir.File("out"), "-s", "box", "--no-overlay", "--no-report");

        Assert.Equal(0, code);
        Assert.Single(Regex.Matches(output, "track ids renumbered"));
        Assert.Contains(TrackIdMap.FileName, output);
    }
}
