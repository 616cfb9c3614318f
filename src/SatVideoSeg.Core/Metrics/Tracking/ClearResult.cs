namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// CLEAR MOT(S) scores with TrackEval's field names; for masks MOTA is MOTSA, sMOTA is sMOTSA and
/// MOTP is MOTSP. A ratio whose denominator would be 0 uses max(1, denominator), as TrackEval does.
/// </summary>
public sealed record ClearResult
{
    /// <summary>The summed counts.</summary>
    public ClearCounts Counts { get; init; }

    /// <summary>CLR_TP.</summary>
    public long ClrTp { get => Counts.Tp; init => Counts = Counts with { Tp = value }; }

    /// <summary>CLR_FN.</summary>
    public long ClrFn { get => Counts.Fn; init => Counts = Counts with { Fn = value }; }

    /// <summary>CLR_FP.</summary>
    public long ClrFp { get => Counts.Fp; init => Counts = Counts with { Fp = value }; }

    /// <summary>ID switches.</summary>
    public long Idsw => Counts.Idsw;

    /// <summary>Mostly lost ids.</summary>
    public long ML { get => Counts.ML; init => Counts = Counts with { ML = value }; }

    /// <summary>(TP - FP - IDSW) / (TP + FN): MOTSA for masks.</summary>
    public double Mota { get; init; }

    /// <summary>Mean IoU of matches: MOTSP for masks.</summary>
    public double Motp { get; init; }

    /// <summary>(TP - FP) / (TP + FN).</summary>
    public double Moda { get; init; }

    /// <summary>(sum of match IoU - FP - IDSW) / (TP + FN): sMOTSA for masks.</summary>
    public double SMota { get; init; }

    /// <summary>TP / (TP + FN).</summary>
    public double Recall { get; init; }

    /// <summary>TP / (TP + FP).</summary>
    public double Precision { get; init; }

    /// <summary>TP / (TP + FN/2 + FP/2).</summary>
    public double F1 { get; init; }

    /// <summary>MT / gt ids.</summary>
    public double Mtr { get; init; }

    /// <summary>PT / gt ids.</summary>
    public double Ptr { get; init; }

    /// <summary>ML / gt ids.</summary>
    public double Mlr { get; init; }

    /// <summary>FP / frames.</summary>
    public double FpPerFrame { get; init; }

    /// <summary>MOTA with log10(IDSW) in place of IDSW.</summary>
    public double Motal { get; init; }

    /// <summary>The result of a sequence without tracker or ground-truth detections, before TrackEval fills in its few fields.</summary>
    public static ClearResult Empty { get; } = new();

    /// <summary>TrackEval's <c>_compute_final_fields</c>.</summary>
    public static ClearResult FromCounts(ClearCounts c)
    {
        double ids = Math.Max(1.0, c.MT + c.ML + c.PT);
        double gtDets = Math.Max(1.0, c.Tp + c.Fn);
        double safeLogIdsw = c.Idsw > 0 ? Math.Log10(c.Idsw) : c.Idsw;
        return new ClearResult
        {
            Counts = c,
            Mtr = c.MT / ids,
            Mlr = c.ML / ids,
            Ptr = c.PT / ids,
            Recall = c.Tp / gtDets,
            Precision = c.Tp / Math.Max(1.0, c.Tp + c.Fp),
            Moda = (c.Tp - c.Fp) / gtDets,
            Mota = (c.Tp - c.Fp - c.Idsw) / gtDets,
            Motp = c.MotpSum / Math.Max(1.0, c.Tp),
            SMota = (c.MotpSum - c.Fp - c.Idsw) / gtDets,
            F1 = c.Tp / Math.Max(1.0, c.Tp + 0.5 * c.Fn + 0.5 * c.Fp),
            FpPerFrame = c.Fp / Math.Max(1.0, c.Frames),
            Motal = (c.Tp - c.Fp - safeLogIdsw) / gtDets,
        };
    }

    /// <summary>TrackEval's <c>combine_sequences</c> and <c>combine_classes_det_averaged</c>: counts summed, scores recomputed.</summary>
    public static ClearResult Combine(IEnumerable<ClearResult> parts) =>
        FromCounts(parts.Aggregate(default(ClearCounts), (s, r) => s + r.Counts));

    /// <summary>
    /// TrackEval's <c>combine_classes_class_averaged</c>: over the classes with TP + FN + FP &gt; 0,
    /// counts summed and every score the plain mean of the class scores (NaN when there is no such class).
    /// </summary>
    public static ClearResult ClassAverage(IEnumerable<ClearResult> classes)
    {
        var used = classes.Where(c => c.ClrTp + c.ClrFn + c.ClrFp > 0).ToArray();
        double Mean(Func<ClearResult, double> f) => used.Length == 0 ? double.NaN : used.Average(f);
        return new ClearResult
        {
            Counts = used.Aggregate(default(ClearCounts), (s, r) => s + r.Counts),
            Mota = Mean(r => r.Mota), Motp = Mean(r => r.Motp), Moda = Mean(r => r.Moda), SMota = Mean(r => r.SMota),
            Recall = Mean(r => r.Recall), Precision = Mean(r => r.Precision), F1 = Mean(r => r.F1),
            Mtr = Mean(r => r.Mtr), Ptr = Mean(r => r.Ptr), Mlr = Mean(r => r.Mlr),
            FpPerFrame = Mean(r => r.FpPerFrame), Motal = Mean(r => r.Motal),
        };
    }
}
