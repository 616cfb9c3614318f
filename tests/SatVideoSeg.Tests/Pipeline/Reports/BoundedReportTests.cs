using System.Text.RegularExpressions;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Tests.Video.Rendering;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Pipeline.Reports;

/// <summary>Issue 17, item 3: what a report keeps per track does not grow with the video's length.</summary>
public class BoundedReportTests
{
    [Fact]
    public void A_Long_Series_Keeps_At_Most_Its_Bound_Of_Points_While_Its_Summary_Covers_Every_Frame()
    {
        var trace = new NumericTrace(maxPoints: 500);
        // 10,000 frames of area 100, an empty mask at frame 5001 and a jump x3 at frame 7778 (odd
        // frames: thinned out of the plot, still counted).
        for (int f = 0; f < 10_000; f++) trace.Add(f, f == 5001 ? 0 : f >= 7777 ? 300 : 100);

        var series = trace.ToSeries(SeriesNames.Area);

        // The stride doubles until 10,000 / stride points fit: 32 leaves 313.
        Assert.Equal((32, 313), (series.Stride, series.Points.Count));
        Assert.All(series.Points, p => Assert.Equal(0, p.Frame % 32));
        Assert.Equal((10_000, 0, 9_999, 1), (series.Summary.Count, series.Summary.FirstFrame, series.Summary.LastFrame, series.Summary.NonPositive));
        Assert.Equal((7777, 3.0), series.Summary.FirstJump);
        Assert.Equal((5001, 0.0), series.Summary.Min);
        Assert.Equal(300, series.Summary.Max);
    }

    [Fact]
    public void A_Short_Series_Keeps_Every_Point_And_The_Summary_Of_The_Points()
    {
        var trace = new NumericTrace();
        double[] values = [0.9, 0.3, 0.8];
        for (int f = 0; f < values.Length; f++) trace.Add(10 + f, values[f]);

        var series = trace.ToSeries(SeriesNames.PredictedIoU);

        Assert.Equal(1, series.Stride);
        Assert.Equal(new[] { (10, 0.9), (11, 0.3), (12, 0.8) }, series.Points);
        Assert.Equal(SeriesSummary.Of(series.Points), series.Summary);
        Assert.Equal(values.Average(), series.Summary.Mean);
    }

    [Fact]
    public void Review_Rules_On_A_Thinned_Track_See_The_Frames_Left_Out_Of_Its_Plot()
    {
        var c = new TrackSeriesCollector(maxPoints: 100);
        for (int f = 0; f < 5_000; f++)
        {
            c.Add(1, ObjectClass.Car, f, SeriesNames.Area, f == 3_333 ? 500 : 100);
            c.Add(1, ObjectClass.Car, f, SeriesNames.PredictedIoU, f == 4_001 ? 0.1 : 0.9);
            c.AddCategory(1, ObjectClass.Car, f, SeriesNames.PromptSource, f % 2 == 1 ? "predicted" : "annotated");
        }

        var track = c.Build().Single();

        Assert.True(track.Find(SeriesNames.Area)!.Points.Count <= 100);
        Assert.Equal(
            new[] { "area jumps x5 at frame 3334", "predicted IoU 0.10 at frame 4002", "2500 of 5000 frames prompted by predicted boxes" },
            ReviewRules.Reasons(track));
    }

    [Fact]
    public void A_Thinned_Plot_Joins_Points_One_Stride_Apart_And_Breaks_At_A_Real_Gap()
    {
        var series = new NumericSeries(SeriesNames.Area, [(0, 1), (4, 2), (8, 3), (20, 4), (24, 5)]) { Stride = 4 };

        string svg = SvgPlot.Line(series, 0, 24, "#000");

        Assert.Equal(2, Regex.Matches(svg, "<polyline").Count);
    }

    [Fact]
    public void Crops_Of_A_Video_Of_Unknown_Length_Stay_Within_Two_Dozen_Per_Track()
    {
        var crops = new TrackCropCollector(TrackCropCollector.StrideFor(null), tileSize: 16);
        var frame = RenderTestData.Grey(0, 64, 48);
        var rect = new PixelRect(10, 10, 8, 8);
        for (int f = 0; f < 2_000; f += 10)
            crops.Add(frame, new FrameDetections(f, 64, 48, [RenderTestData.Box(1, ObjectClass.Car, rect, 64, 48)]));

        // 200 sampled frames at stride 10: the stride doubles to 80 at the 25th sample and so on.
        Assert.InRange(crops.SampledFrames.Count, 13, TrackCropCollector.DefaultMaxSamples);
        Assert.Equal(crops.SampledFrames, crops.TilesOf(1).Select(t => t.FrameIndex));
        Assert.All(crops.SampledFrames, f => Assert.Equal(0, f % crops.Stride));
    }

    [Fact]
    public void A_Page_Shows_At_Most_N_Tracks_In_Full_Flagged_First_And_The_Rest_In_A_Table()
    {
        using var dir = new TempDir();
        double[] fine = [10, 10, 10], iou = [0.9, 0.9, 0.9];
        var tracks = Enumerable.Range(1, 5)
            .Select(id => new ReportTrack(ReportTestData.Track(id, id == 4 ? [10, 0, 10] : fine, iou), null, [], []))
            .ToArray();
        var report = new HtmlReport { Title = "t", FrameRange = (0, 2), Tracks = tracks, MaxTracksInFull = 2 };

        string html = HtmlReportWriter.Render(report, dir.Path);

        // Cards: the flagged track 4, then track 1; rows: 2, 3, 5.
        Assert.Equal(new[] { "4", "1" }, Regex.Matches(html, "<article class=\"track[^\"]*\" id=\"track-(\\d+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(new[] { "2", "3", "5" }, Regex.Matches(html, "<tr id=\"track-(\\d+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("3 more tracks", html);
        Assert.Equal(new[] { 4, 1 }, ReportTracks.InFull(tracks, 2).Order().Reverse());
    }

    [Fact]
    public void One_Walk_Gives_Track_Quality_Equal_To_The_Accumulator_And_Counts_Each_Frames_Lost_Tracks()
    {
        var recorder = new RunRecorder(4, trackQuality: true, report: false);
        var direct = new TrackQualityAccumulator(1, ObjectClass.Car);
        var box = new BoxXyxy(10, 10, 20, 20);
        foreach (int f in new[] { 0, 1 })
        {
            var o = new SegmentedObject(new ObjectPrompt(1, ObjectClass.Car, box), BitMask.FromBox(box, 64, 48), 0.8, 1);
            recorder.Add(RenderTestData.Grey(f, 64, 48), new FrameDetections(f, 64, 48, [o]));
            direct.Add(f, o);
        }
        // Track 1 is lost in frame 2; track 9 was lost before it ever had a mask, so it has no quality to count against.
        recorder.Add(RenderTestData.Grey(2, 64, 48), new FrameDetections(2, 64, 48, []) { LostTrackIds = [1, 9] });
        direct.AddLostFrame();

        Assert.Equal(1, recorder.TrackCount);
        var expected = direct.ToQuality();
        var got = recorder.TrackQuality().Single();
        Assert.Equal(expected with { AreaJumpFrames = [] }, got with { AreaJumpFrames = [] });
        Assert.Equal(1, got.LostFrames);
        Assert.Empty(recorder.Series.Build());
    }

    [Fact]
    public void Predicted_Frames_Are_Listed_In_At_Most_Fifty_Runs()
    {
        var q = new TrackQualityAccumulator(1, ObjectClass.Car);
        var box = new BoxXyxy(10, 10, 20, 20);
        for (int f = 0; f < 300; f += 2)
            q.Add(f, new SegmentedObject(new ObjectPrompt(1, ObjectClass.Car, box, PromptSource.Predicted), BitMask.FromBox(box, 64, 48), 0.8, 1));

        var r = q.ToQuality();

        Assert.Equal(150, r.PredictedPrompts);
        Assert.Equal(TrackQualityAccumulator.MaxListedFrames + 1, r.PredictedPromptFrames.Split(',').Length);
        Assert.EndsWith(",99,...", r.PredictedPromptFrames);
    }
}
