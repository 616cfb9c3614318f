using static SatVideoSeg.Tests.Core.Metrics.TrackingCases;

namespace SatVideoSeg.Tests.Core.Metrics;

public class IdentityTests
{
    private const int Precision = 9;

    [Fact]
    public void An_Id_Switch_Halfway_Leaves_Half_The_Detections_Identified()
    {
        // gt1 x4; tr1 covers frames 0-1, tr2 frames 2-3. Best global match gt1-tr1 (or tr2, same cost):
        // IDTP 2, IDFN = 4 - 2 = 2, IDFP = (2 - 2) + 2 (tr2 unmatched) = 2. IDF1 = 2 / (2 + 1 + 1) = 0.5.
        var one = new double[,] { { 1 } };
        var (_, _, id) = Run(F([1], [1], one), F([1], [1], one), F([1], [2], one), F([1], [2], one));

        Assert.Equal((2L, 2L, 2L), (id.IdTp, id.IdFn, id.IdFp));
        Assert.Equal(0.5, id.IdF1, Precision);
        Assert.Equal(0.5, id.IdR, Precision);
        Assert.Equal(0.5, id.IdP, Precision);
    }

    [Fact]
    public void Global_Matching_Prefers_The_Longer_Overlap_And_Counts_Misses_And_False_Positives()
    {
        // gt1 in f0..f3, gt2 in f2..f3. tr1 follows gt1 in f0..f2 then jumps to gt2 in f3; tr2 follows
        // gt1 in f3; tr3 is a false positive in f1 (no overlap); in f2 gt2 is missed.
        // Potential matches (IoU >= 0.5): (1,1) = 3, (2,1) = 1, (1,2) = 1.
        // Counts: gt1 4, gt2 2; tr1 4, tr2 1, tr3 1. Total gt 6, total tracker 6.
        // Best: gt1-tr1 (3), gt2 unmatched, tr2/tr3 unmatched -> IDTP 3 (gt1-tr2 + gt2-tr1 = 2 is worse).
        // IDFN = 6 - 3 = 3, IDFP = 6 - 3 = 3, IDF1 = 3 / (3 + 1.5 + 1.5) = 0.5.
        var (_, _, id) = Run(
            F([1], [1], new double[,] { { 0.9 } }),
            F([1], [1, 3], new double[,] { { 0.8, 0 } }),
            F([1, 2], [1], new double[,] { { 0.7 }, { 0 } }),
            F([1, 2], [1, 2], new double[,] { { 0, 0.9 }, { 0.9, 0 } }));

        Assert.Equal((3L, 3L, 3L), (id.IdTp, id.IdFn, id.IdFp));
        Assert.Equal(0.5, id.IdF1, Precision);
    }

    [Fact]
    public void Empty_Sides_Give_Only_Misses_Or_Only_False_Positives()
    {
        Assert.Equal((0L, 2L, 0L), Tuple(Run(F([1], []), F([1], [])).Identity));
        Assert.Equal((0L, 0L, 1L), Tuple(Run(F([], [4])).Identity));
        Assert.Equal(0, Run(F([], [])).Identity.IdF1);
    }

    private static (long, long, long) Tuple(SatVideoSeg.Core.Metrics.Tracking.IdentityResult r) => (r.IdTp, r.IdFn, r.IdFp);
}
