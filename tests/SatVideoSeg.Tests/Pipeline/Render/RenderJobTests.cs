using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Render;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Ffmpeg;
using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Pipeline.Render;

public class RenderJobTests
{
    private static (string Video, string Tracks, TempDir Dir) Segmented()
    {
        var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("seg"), "box") { WriteReport = false });
        return (video, Path.Combine(dir.File("seg"), SegmentJob.TracksFile), dir);
    }

    [Fact]
    public void Render_Draws_Mask_Tracks_Over_Their_Video_With_A_Contact_Sheet_And_A_Report()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;

        var result = RenderJob.Run(new RenderOptions(video, tracks, dir.File("r.mp4"))
        {
            Style = OverlayStyle.Default with { TrailLength = 4, Insets = true, PromptBoxes = true },
            ContactSheet = dir.File("sheet.png"),
            Report = dir.File("r.html"),
        });

        var info = FfprobeReader.Probe(dir.File("r.mp4"));
        Assert.Equal((TestVideo.Width, TestVideo.Height, TestVideo.Frames), (info.Width, info.Height, info.FrameCount ?? -1));
        Assert.Equal((TestVideo.Frames, 2), (result.Frames, result.Tracks));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(dir.File("sheet.png"))[..4]);
        Assert.Contains("id=\"track-2\"", File.ReadAllText(dir.File("r.html")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public void Comparing_Tracks_With_Themselves_Finds_No_Missed_Or_False_Pixels_And_Widens_The_Video()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;

        var result = RenderJob.Run(new RenderOptions(video, tracks, dir.File("c.mp4")) { Compare = tracks, CompareMode = CompareMode.SideBySide, Report = dir.File("c.html") });

        Assert.True(result.TruePositivePixels > 0);
        Assert.Equal((0L, 0L), (result.MissedPixels, result.FalsePixels));
        var info = FfprobeReader.Probe(dir.File("c.mp4"));
        Assert.Equal(2 * TestVideo.Width + 4, info.Width);
        Assert.Contains($">{SeriesNames.IoUVsTruth}</text>", File.ReadAllText(dir.File("c.html")));
    }

    [Theory]
    [InlineData("clip.gif")]
    [InlineData("clip.webp")]
    public void Short_Clips_Can_Be_Written_As_Gif_Or_WebP(string name)
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;

        RenderJob.Run(new RenderOptions(video, tracks, dir.File(name)));

        Assert.True(new FileInfo(dir.File(name)).Length > 100);
        Assert.Contains(Path.GetExtension(name) == ".gif" ? "gif" : "webp", FfmpegTools.Run("ffprobe", ["-v", "error", "-show_entries", "format=format_name", "-of", "csv=p=0", dir.File(name)], "probe"));
    }

    [Fact]
    public void Masks_Past_The_Last_Frame_Stop_The_Run_Naming_The_File_Before_Anything_Is_Written()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;
        var line = File.ReadLines(tracks).First().Split(' ');
        line[0] = "99";
        File.AppendAllText(tracks, string.Join(' ', line) + "\n");

        var e = Assert.Throws<JobException>(() => RenderJob.Run(new RenderOptions(video, tracks, dir.File("r.mp4"))));

        Assert.Equal($"{tracks}: masks reach frame 99 but {video} has only {TestVideo.Frames} frames", e.Message);
        Assert.False(File.Exists(dir.File("r.mp4")));
    }

    [Fact]
    public void An_Output_Of_Unknown_Kind_Is_Refused()
    {
        var e = Assert.Throws<JobException>(() => RenderJob.Run(new RenderOptions("v.mp4", "t.txt", "out.avi")));

        Assert.Contains("out.avi: cannot write '.avi' video; use one of .mp4, .gif, .webp", e.Message);
    }

    [Fact]
    public void Render_Redraws_Exactly_The_Overlay_That_Segment_Drew_Because_Both_Use_One_Renderer()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;

        RenderJob.Run(new RenderOptions(video, tracks, dir.File("again.mp4")));

        using var a = new FfmpegFrameSource(Path.Combine(dir.File("seg"), SegmentJob.OverlayFile));
        using var b = new FfmpegFrameSource(dir.File("again.mp4"));
        var first = a.ReadFrames().Select(f => f.Pixels).ToArray();
        var second = b.ReadFrames().Select(f => f.Pixels).ToArray();
        Assert.Equal(TestVideo.Frames, first.Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Prompt_Boxes_From_A_Box_File_Replace_The_Masks_Tight_Boxes()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;
        var boxes = SatVideoSeg.Datasets.Boxes.BoxFileReader.Read(dir.File("boxes.mot.txt"));
        var file = MaskTrackFile.Read(tracks);

        var frame0 = PromptBoxOverlay.Apply(file.ForFrame(0, TestVideo.Width, TestVideo.Height), boxes);

        Assert.All(frame0.Objects, o => Assert.Equal(boxes.ForFrame(0).Single(b => b.TrackId == o.TrackId).Box, o.Prompt.Box));
        Assert.All(frame0.Objects, o => Assert.Equal(SatVideoSeg.Core.Detections.PromptSource.Annotated, o.Prompt.Source));
    }

    [Fact]
    public void YouTubeVis_And_Davis_Tracks_Render_Exactly_Like_The_Same_Masks_In_Mots()
    {
        var (video, tracks, dir) = Segmented();
        using var _ = dir;
        var records = SatVideoSeg.Datasets.Mots.MotsFormat.ReadFile(tracks).ToList();
        // The same masks written as YouTube-VIS (one annotation per track) and as a DAVIS folder.
        var annotations = records.GroupBy(r => r.TrackId).Select(g => new SatVideoSeg.Datasets.YouTubeVis.YtvisAnnotation(g.Key, 1, (int)g.First().Class,
            Enumerable.Range(0, TestVideo.Frames).Select(f => g.FirstOrDefault(r => r.FrameIndex == f)?.Rle).ToArray(),
            Enumerable.Range(0, TestVideo.Frames).Select(f => g.FirstOrDefault(r => r.FrameIndex == f)?.Rle.Area).ToArray(),
            Enumerable.Range(0, TestVideo.Frames).Select(_ => (SatVideoSeg.Core.Geometry.BoxXywh?)null).ToArray())).ToList();
        var categories = SatVideoSeg.Core.Detections.ObjectClasses.Known.Select(c => new SatVideoSeg.Datasets.YouTubeVis.YtvisCategory((int)c, SatVideoSeg.Core.Detections.ObjectClasses.Name(c))).ToList();
        var ytvis = new SatVideoSeg.Datasets.YouTubeVis.YtvisDataset([new SatVideoSeg.Datasets.YouTubeVis.YtvisVideo(1, TestVideo.Width, TestVideo.Height, TestVideo.Frames, [])], annotations, categories);
        SatVideoSeg.Datasets.YouTubeVis.YtvisFormat.Save(dir.File("tracks.json"), ytvis);
        foreach (var frame in records.GroupBy(r => r.FrameIndex))
            SatVideoSeg.Datasets.Davis.DavisFormat.SaveFrame(dir.File("davis"), frame.Key, TestVideo.Width, TestVideo.Height,
                frame.Select(r => (r.TrackId, r.Rle.Decode())).ToList(), sixteenBit: false);

        foreach (var input in new[] { dir.File("tracks.json"), dir.File("davis") })
        {
            var result = RenderJob.Run(new RenderOptions(video, input, dir.File("r.mp4")) { Compare = tracks });

            Assert.Equal(2, result.Tracks);
            Assert.True(result.TruePositivePixels > 0);
            Assert.Equal((0L, 0L), (result.MissedPixels, result.FalsePixels));
        }
    }
}
