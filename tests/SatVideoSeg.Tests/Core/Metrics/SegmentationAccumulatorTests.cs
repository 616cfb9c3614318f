using SatVideoSeg.Core.Metrics.Segmentation;
using SatVideoSeg.Core.Metrics.Tracking;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Metrics;

public class SegmentationAccumulatorTests
{
    [Fact]
    public void Per_Object_And_Union_Scores_Follow_The_Hand_Count()
    {
        // Frame 0: annotation 3x3 at (2,2), prediction (same id) 3 rows x 4 columns at (2,2):
        //   IoU 9/12; boundary IoU with d = 1 is 7/11 (the 3x3 boundary is 8 px, the 3x4 one 10 px, 7 shared).
        //   10x10 frame: ratio band max(1, round(0.02 * 14.1)) = 1; fixed band 1.
        // Frame 1: nothing on either side: not scored. Frame 2: a prediction without annotation: union scores 0.
        var acc = new SegmentationAccumulator(10, 10, new SegmentationOptions { FixedBandPixels = 1 });
        acc.Add([new(1, TestFrames.FromArt(10, 10, 2, 2, "###", "###", "###"))], [new(1, TestFrames.FromArt(10, 10, 2, 2, "####", "####", "####"))]);
        acc.Add([], []);
        acc.Add([], [new(5, TestFrames.FromArt(10, 10, 0, 0, "#"))]);

        var r = acc.Compute();

        Assert.Equal(1, r.Sums.ObjectFrames);
        Assert.Equal(0.75, r.ObjectIoU, 12);
        Assert.Equal(7.0 / 11, r.ObjectBIoU, 12);
        Assert.Equal(7.0 / 11, r.ObjectBIoUFixed, 12);
        Assert.Equal(2, r.Sums.Frames);
        Assert.Equal(0.75 / 2, r.UnionIoU, 12);
        Assert.Equal(7.0 / 11 / 2, r.UnionBIoU, 12);
    }

    [Fact]
    public void A_Missing_Prediction_Scores_Zero_And_An_Empty_Annotation_Matched_By_Nothing_Scores_One()
    {
        var acc = new SegmentationAccumulator(10, 10);
        acc.Add([new(1, TestFrames.FromArt(10, 10, 2, 2, "#")), new(2, SatVideoSeg.Core.Masks.BitMask.Empty(10, 10))], []);

        var r = acc.Compute();

        Assert.Equal(0.5, r.ObjectIoU, 12); // (0 + 1) / 2
        Assert.Equal(0, r.UnionIoU, 12);
    }

    [Fact]
    public void Nothing_Scored_Gives_NaN()
    {
        Assert.True(double.IsNaN(new SegmentationAccumulator(4, 4).Compute().ObjectIoU));
    }
}
