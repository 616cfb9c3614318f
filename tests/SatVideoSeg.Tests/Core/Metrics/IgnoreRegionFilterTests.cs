using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics.Tracking;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Metrics;

public class IgnoreRegionFilterTests
{
    [Fact]
    public void Unmatched_Predictions_Mostly_Inside_The_Ignore_Region_Are_Dropped()
    {
        // Ignore region: columns 10..19 of a 20x10 frame.
        // A: matches the ground truth exactly although it lies inside the region -> kept (matched first).
        // B: 4 px, 3 inside (3/4 > 0.5) and unmatched -> dropped.
        // C: 4 px, 2 inside (exactly 0.5 is not more than 0.5 + eps) -> kept. D: empty -> kept (IoA 0).
        var ignore = new BitMask(20, 10, new PixelRect(10, 0, 10, 10), Enumerable.Repeat((byte)1, 100).ToArray());
        var gt = new[] { new TrackedMask(1, TestFrames.FromArt(20, 10, 12, 1, "##")) };
        var pred = new[]
        {
            new TrackedMask(1, TestFrames.FromArt(20, 10, 12, 1, "##")),
            new TrackedMask(2, TestFrames.FromArt(20, 10, 9, 5, "####")),
            new TrackedMask(3, TestFrames.FromArt(20, 10, 8, 7, "####")),
            new TrackedMask(4, BitMask.Empty(20, 10)),
        };

        var kept = IgnoreRegionFilter.Apply(gt, pred, ignore);

        Assert.Equal([1, 3, 4], kept.Select(k => k.TrackId));
        Assert.Same(pred, IgnoreRegionFilter.Apply(gt, pred, null));
    }
}
