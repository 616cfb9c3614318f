using SatVideoSeg.Core.Metrics.Tracking;
using static SatVideoSeg.Tests.Core.Metrics.TrackingCases;

namespace SatVideoSeg.Tests.Core.Metrics;

public class HotaTests
{
    private const int Precision = 9;

    [Fact]
    public void An_Id_Switch_Halves_Association_But_Not_Detection()
    {
        // gt 1 in 4 frames; tracker 1 covers it perfectly in frames 0-1, tracker 2 in frames 2-3.
        // Pass 1: each frame sim_iou = 1/(1+1-1) = 1, so potential(1,1) = potential(1,2) = 2.
        // Every alpha: TP = 4, FN = FP = 0, DetA = 1.
        // AssA = sum over matched pairs of count * count/(gt count + tr count - count) / TP
        //      = (2 * 2/(4+2-2) + 2 * 2/(4+2-2)) / 4 = 0.5; HOTA = sqrt(1 * 0.5).
        // AssRe = (2 * 2/4 + 2 * 2/4) / 4 = 0.5; AssPr = (2 * 2/2 + 2 * 2/2) / 4 = 1; LocA = 1.
        var one = new double[,] { { 1 } };
        var (hota, _, _) = Run(F([1], [1], one), F([1], [1], one), F([1], [2], one), F([1], [2], one));

        Assert.Equal(Math.Sqrt(0.5), hota.Hota, Precision);
        Assert.Equal(1, hota.DetA, Precision);
        Assert.Equal(0.5, hota.AssA, Precision);
        Assert.Equal(0.5, hota.AssRe, Precision);
        Assert.Equal(1, hota.AssPr, Precision);
        Assert.Equal(1, hota.LocAMean, Precision);
    }

    [Fact]
    public void Thresholds_A_Missed_Frame_And_A_False_Positive_Follow_TrackEval()
    {
        // f0: gt1-tr1 0.62 | f1: gt1, no tracker (missed) | f2: gt1-tr1 0.93 | f3: tr2 only (false positive).
        // Pass 1: sim_iou = 1 in f0 and f2 -> potential(1,1) = 2; counts gt1 = 3, tr1 = 2, tr2 = 1.
        // 0.62 matches at the 12 alphas 0.05..0.60, 0.93 at the 18 alphas 0.05..0.90.
        //  12 alphas: TP 2, FN 1, FP 1 -> DetA 2/4; AssA = 2 * 2/(3+2-2) / 2 = 2/3; LocA (0.62+0.93)/2
        //   6 alphas: TP 1, FN 2, FP 2 -> DetA 1/5;  AssA = 1 * 1/(3+2-1) / 1 = 1/4; LocA 0.93
        //   1 alpha (0.95): TP 0 -> DetA 0, AssA 0, HOTA 0; LocA = max(1e-10, 0)/max(1e-10, 0) = 1
        var (hota, _, _) = Run(
            F([1], [1], new double[,] { { 0.62 } }),
            F([1], []),
            F([1], [1], new double[,] { { 0.93 } }),
            F([], [2]));

        Assert.Equal(12, AlphasUpTo(0.62));
        Assert.Equal(18, AlphasUpTo(0.93));
        Assert.Equal((12 * Math.Sqrt(0.5 * 2 / 3.0) + 6 * Math.Sqrt(0.2 * 0.25)) / 19, hota.Hota, Precision); // 0.435254948
        Assert.Equal((12 * 0.5 + 6 * 0.2) / 19, hota.DetA, Precision);
        Assert.Equal((12 * 2 / 3.0 + 6 * 0.25) / 19, hota.AssA, Precision); // exactly 0.5
        Assert.Equal((12 * 0.775 + 6 * 0.93 + 1) / 19, hota.LocAMean, Precision);
        Assert.Equal([2.0, 1, 1], [hota.HotaTp[0], hota.HotaFn[0], hota.HotaFp[0]]);
        Assert.Equal([0.0, 3, 3], [hota.HotaTp[18], hota.HotaFn[18], hota.HotaFp[18]]);
    }

    [Fact]
    public void At_A_Crossing_The_Global_Alignment_Keeps_Identities_That_Similarity_Alone_Would_Swap()
    {
        // Two objects, tracked perfectly in f0 and f1 (sim 1 on the diagonal). In f2 they cross:
        // sim = [[0.57, 0.67], [0.67, 0.57]]: maximising similarity alone would swap (1.34 > 1.14).
        // Pass 1, f2: row and column sums 1.24; sim_iou diagonal 0.57/(2.48-0.57), off-diagonal 0.67/(2.48-0.67).
        // potential diag = 2 + 0.2984 = 2.2984, off = 0.3702; every id has 3 detections;
        // alignment diag = 2.2984/(6-2.2984) = 0.6209, off = 0.3702/(6-0.3702) = 0.0658.
        // Score: keep = 2 * 0.6209 * 0.57 = 0.708 > swap = 2 * 0.0658 * 0.67 = 0.088: identities kept.
        // 0.57 matches at 11 alphas (0.05..0.55): TP 6, DetA 1, each pair 3 matches: AssA = 3*3/3 * 2 / 6 = 1.
        // 8 alphas (0.60..0.95): TP 4, FN 2, FP 2: DetA 0.5; AssA = 2 * (2 * 2/(3+3-2)) / 4 = 0.5; HOTA 0.5.
        // HOTA = (11 * 1 + 8 * 0.5) / 19 = 15/19, and DetA = AssA = 15/19 too.
        var diagonal = new double[,] { { 1, 0 }, { 0, 1 } };
        var (hota, clear, _) = Run(
            F([1, 2], [1, 2], diagonal),
            F([1, 2], [1, 2], diagonal),
            F([1, 2], [1, 2], new double[,] { { 0.57, 0.67 }, { 0.67, 0.57 } }));

        Assert.Equal(15.0 / 19, hota.Hota, Precision);
        Assert.Equal(15.0 / 19, hota.DetA, Precision);
        Assert.Equal(15.0 / 19, hota.AssA, Precision);
        // CLEAR keeps the previous frame's matches too (1000 + IoU): 6 TP, MOTSP = (4 + 2 * 0.57) / 6.
        Assert.Equal(0, clear.Idsw);
        Assert.Equal((4 + 2 * 0.57) / 6, clear.Motp, Precision);
    }

    [Fact]
    public void A_Track_That_Drifts_Off_And_Is_Replaced_Scores_Per_Alpha_Group()
    {
        // f0: gt1-tr1 0.82 | f1: gt1-tr1 0.32 | f2: gt1-tr2 0.72. Counts gt1 3, tr1 2, tr2 1.
        // 0.82 matches 16 alphas, 0.32 matches 6, 0.72 matches 14.
        //  6 alphas: TP 3; pairs (1,1) x2, (1,2) x1: AssA = (2 * 2/(3+2-2) + 1 * 1/(3+1-1)) / 3 = 5/9; DetA 1
        //  8 alphas: TP 2, FN 1, FP 1: AssA = (1 * 1/(3+2-1) + 1 * 1/(3+1-1)) / 2 = 7/24; DetA 1/2
        //  2 alphas: TP 1, FN 2, FP 2: AssA = 1 * 1/4 = 1/4; DetA 1/5
        //  3 alphas: TP 0: HOTA 0; LocA 1
        var (hota, _, _) = Run(
            F([1], [1], new double[,] { { 0.82 } }),
            F([1], [1], new double[,] { { 0.32 } }),
            F([1], [2], new double[,] { { 0.72 } }));

        Assert.Equal((16, 6, 14), (AlphasUpTo(0.82), AlphasUpTo(0.32), AlphasUpTo(0.72)));
        Assert.Equal((6 * Math.Sqrt(5.0 / 9) + 8 * Math.Sqrt(0.5 * 7 / 24) + 2 * Math.Sqrt(0.2 * 0.25)) / 19, hota.Hota, Precision); // 0.419705264
        Assert.Equal((6 + 8 * 0.5 + 2 * 0.2) / 19, hota.DetA, Precision);
        Assert.Equal((6 * 5 / 9.0 + 8 * 7 / 24.0 + 2 * 0.25) / 19, hota.AssA, Precision);
        Assert.Equal((6 * (0.82 + 0.32 + 0.72) / 3 + 8 * (0.82 + 0.72) / 2 + 2 * 0.82 + 3) / 19, hota.LocAMean, Precision);
    }

    [Fact]
    public void A_Similarity_Exactly_On_An_Alpha_Counts_As_A_Match()
    {
        // np.arange gives 0.6000000000000001 for the 12th alpha; TrackEval's "- eps" lets IoU 0.6 through.
        Assert.Equal(0.6000000000000001, MetricConstants.HotaAlphas[11]);
        Assert.Equal(12, AlphasUpTo(0.6));
    }

    [Fact]
    public void Without_Tracker_Output_Everything_Is_Missed_And_LocA_Is_One()
    {
        var (hota, _, _) = Run(F([1], []), F([1, 2], []));

        Assert.All(hota.HotaFn, fn => Assert.Equal(3, fn));
        Assert.Equal(0, hota.Hota);
        Assert.Equal(1, hota.LocAMean);
    }

    [Fact]
    public void Without_Ground_Truth_Every_Prediction_Is_A_False_Positive()
    {
        var (hota, _, _) = Run(F([], [1]), F([], [1, 2]));

        Assert.All(hota.HotaFp, fp => Assert.Equal(3, fp));
        Assert.Equal(0, hota.Hota);
        Assert.False(Run(F([], [])).Hota.HasDetections);
    }

    [Fact]
    public void Sequences_Combine_By_Summing_Counts_And_Weighting_AssA_By_True_Positives()
    {
        // Sequence A: the id-switch case (TP 4, AssA 0.5 at every alpha); sequence B: one perfect frame (TP 1, AssA 1).
        // Combined: DetA 1, AssA = (4 * 0.5 + 1 * 1) / 5 = 0.6, HOTA = sqrt(0.6).
        var one = new double[,] { { 1 } };
        var a = Run(F([1], [1], one), F([1], [1], one), F([1], [2], one), F([1], [2], one)).Hota;
        var b = Run(F([1], [1], one)).Hota;

        var combined = HotaResult.Combine([a, b]);

        Assert.Equal(0.6, combined.AssA, Precision);
        Assert.Equal(Math.Sqrt(0.6), combined.Hota, Precision);
        // Class-averaged instead: plain mean of the HOTA values.
        Assert.Equal((Math.Sqrt(0.5) + 1) / 2, HotaResult.ClassAverage([a, b]).Hota, Precision);
    }
}
