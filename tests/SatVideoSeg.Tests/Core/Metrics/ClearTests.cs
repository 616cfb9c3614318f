using SatVideoSeg.Core.Metrics.Tracking;
using static SatVideoSeg.Tests.Core.Metrics.TrackingCases;

namespace SatVideoSeg.Tests.Core.Metrics;

public class ClearTests
{
    private const int Precision = 9;

    [Fact]
    public void An_Id_Switch_Costs_One_In_MOTSA()
    {
        // gt 1 in 4 frames, tracker 1 then tracker 2, all IoU 1: TP 4, FN 0, FP 0, IDSW 1 at frame 2.
        // MOTSA = (4 - 0 - 1)/4 = 0.75; sMOTSA = (4 * 1 - 0 - 1)/4 = 0.75; MOTSP = 1; one fragment, Frag 0; MT 1.
        var one = new double[,] { { 1 } };
        var (_, clear, _) = Run(F([1], [1], one), F([1], [1], one), F([1], [2], one), F([1], [2], one));

        Assert.Equal((4L, 0L, 0L, 1L), (clear.ClrTp, clear.ClrFn, clear.ClrFp, clear.Idsw));
        Assert.Equal(0.75, clear.Mota, Precision);
        Assert.Equal(0.75, clear.SMota, Precision);
        Assert.Equal(1, clear.Motp, Precision);
        Assert.Equal((1L, 0L, 0L, 0L), (clear.Counts.MT, clear.Counts.PT, clear.Counts.ML, clear.Counts.Frag));
    }

    [Fact]
    public void A_Missed_Frame_And_A_False_Positive_Frame_Follow_TrackEval()
    {
        // f0 0.62 match | f1 no tracker: FN | f2 0.93 match | f3 no gt: FP.
        // TP 2, FN 1, FP 1, IDSW 0: MOTSA = (2-1)/3; MOTSP = (0.62+0.93)/2; sMOTSA = (1.55 - 1)/3.
        // A frame without tracker output does not clear the previous matches (TrackEval 'continue's
        // before resetting them), so f2 continues f0's track: one fragment, Frag 0. gt1 matched in
        // 2 of 3 frames: partly tracked.
        var (_, clear, _) = Run(
            F([1], [1], new double[,] { { 0.62 } }),
            F([1], []),
            F([1], [1], new double[,] { { 0.93 } }),
            F([], [2]));

        Assert.Equal((2L, 1L, 1L, 0L), (clear.ClrTp, clear.ClrFn, clear.ClrFp, clear.Idsw));
        Assert.Equal(1 / 3.0, clear.Mota, Precision);
        Assert.Equal(0.775, clear.Motp, Precision);
        Assert.Equal(0.55 / 3, clear.SMota, Precision);
        Assert.Equal((0L, 1L, 0L, 0L), (clear.Counts.MT, clear.Counts.PT, clear.Counts.ML, clear.Counts.Frag));
        Assert.Equal(4, clear.Counts.Frames);
    }

    [Fact]
    public void An_Id_Switch_Is_Counted_Against_The_Last_Match_Even_After_A_Gap()
    {
        // f0 gt1-tr1 0.82 (match) | f1 gt1-tr1 0.32 (below 0.5: FN + FP, match chain broken) | f2 gt1-tr2 0.72.
        // IDSW at f2 (last matched tracker was 1). TP 2, FN 1, FP 1: MOTSA = (2-1-1)/3 = 0;
        // sMOTSA = (0.82+0.72 - 1 - 1)/3; two fragments -> Frag 1.
        var (_, clear, _) = Run(
            F([1], [1], new double[,] { { 0.82 } }),
            F([1], [1], new double[,] { { 0.32 } }),
            F([1], [2], new double[,] { { 0.72 } }));

        Assert.Equal((2L, 1L, 1L, 1L), (clear.ClrTp, clear.ClrFn, clear.ClrFp, clear.Idsw));
        Assert.Equal(0, clear.Mota, Precision);
        Assert.Equal((0.82 + 0.72 - 2) / 3, clear.SMota, Precision);
        Assert.Equal(1, clear.Counts.Frag);
    }

    [Fact]
    public void Without_Continuation_Two_Crossing_Objects_Are_Matched_By_IoU_And_Switch()
    {
        // f0: diagonal 0.9 | f1: gt1 and gt2 swap trackers, 0.9 off-diagonal and 0.52 on the diagonal.
        // Continuation scores 1000.52 on the diagonal, so f1 keeps the identities (no IDSW).
        // f2: only the off-diagonal pairs reach 0.5 -> both gt ids change tracker: IDSW 2.
        var (_, clear, _) = Run(
            F([1, 2], [1, 2], new double[,] { { 0.9, 0 }, { 0, 0.9 } }),
            F([1, 2], [1, 2], new double[,] { { 0.52, 0.9 }, { 0.9, 0.52 } }),
            F([1, 2], [1, 2], new double[,] { { 0.3, 0.9 }, { 0.9, 0.3 } }));

        Assert.Equal((6L, 0L, 0L, 2L), (clear.ClrTp, clear.ClrFn, clear.ClrFp, clear.Idsw));
        Assert.Equal((6 - 2) / 6.0, clear.Mota, Precision);
        Assert.Equal((0.9 * 2 + 0.52 * 2 + 0.9 * 2) / 6, clear.Motp, Precision);
    }

    [Fact]
    public void IoU_Of_Exactly_One_Half_Is_A_Match()
    {
        var (_, clear, identity) = Run(F([1], [1], new double[,] { { 0.5 } }));

        Assert.Equal(1, clear.ClrTp);
        Assert.Equal(1, identity.IdTp);
    }

    [Fact]
    public void Empty_Sequences_Return_TrackEval_Early_Results()
    {
        // No tracker output: FN = gt dets, ML = gt ids, MLR 1, MOTA left at 0.
        var (_, noTracker, _) = Run(F([1, 2], []), F([1], []));
        Assert.Equal((3L, 2L, 1.0, 0.0), (noTracker.ClrFn, noTracker.ML, noTracker.Mlr, noTracker.Mota));

        // No ground truth: FP = tracker dets, MOTA left at 0 (the combined score is recomputed: -2).
        var (_, noGt, _) = Run(F([], [1]), F([], [1]));
        Assert.Equal((2L, 0.0), (noGt.ClrFp, noGt.Mota));
        Assert.Equal(-2, ClearResult.Combine([noGt]).Mota, Precision);
    }

    [Fact]
    public void Classes_Average_Over_Classes_With_Detections_Only()
    {
        var one = new double[,] { { 1 } };
        var perfect = Run(F([1], [1], one)).Clear;          // MOTA 1
        var switched = Run(F([1], [1], one), F([1], [2], one)).Clear; // MOTA (2-1)/2 = 0.5
        var empty = Run(F([], [])).Clear;                     // no detections: left out

        Assert.Equal(0.75, ClearResult.ClassAverage([perfect, switched, empty]).Mota, Precision);
        // Detection-averaged: counts pooled: (3 - 0 - 1) / 3.
        Assert.Equal(2 / 3.0, ClearResult.Combine([perfect, switched, empty]).Mota, Precision);
    }
}
