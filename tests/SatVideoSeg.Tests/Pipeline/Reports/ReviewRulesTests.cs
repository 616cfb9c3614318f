using SatVideoSeg.Core.Detections;
using SatVideoSeg.Pipeline.Reports;

namespace SatVideoSeg.Tests.Pipeline.Reports;

public class ReviewRulesTests
{
    [Fact]
    public void A_Steady_Confident_Track_Is_Not_Flagged()
    {
        var t = ReportTestData.Track(1, [100, 104, 98, 101], [0.9, 0.92, 0.88, 0.9]);

        Assert.Empty(ReviewRules.Reasons(t));
    }

    [Fact]
    public void Empty_Masks_Area_Jumps_Low_IoU_And_Predicted_Prompts_Are_Each_Named()
    {
        // frame 2 empty; frame 4 -> 5 area x3; mean IoU 0.6 with a dip to 0.3 at frame 3; 3 of 5 prompts predicted.
        var t = ReportTestData.Track(1, [100, 0, 100, 100, 300], [0.8, 0.6, 0.3, 0.7, 0.6],
            ["annotated", "predicted", "predicted", "annotated", "predicted"]);

        Assert.Equal(
            new[] { "empty mask in 1 frame", "area jumps x3 at frame 5", "mean predicted IoU 0.60", "predicted IoU 0.30 at frame 3", "3 of 5 frames prompted by predicted boxes" },
            ReviewRules.Reasons(t));
    }

    [Fact]
    public void A_New_Signal_Such_As_Temporal_IoU_Is_Judged_Without_Code_Changes()
    {
        var c = new TrackSeriesCollector();
        c.Add(2, ObjectClass.Ship, 0, SeriesNames.TemporalIoU, 0.9);
        c.Add(2, ObjectClass.Ship, 1, SeriesNames.TemporalIoU, 0.2);

        Assert.Equal(new[] { "temporal IoU 0.20 at frame 2" }, ReviewRules.Reasons(c.Build().Single()));
    }
}
