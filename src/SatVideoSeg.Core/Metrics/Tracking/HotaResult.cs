namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// HOTA fields as TrackEval names them; every array has one value per alpha of
/// <see cref="MetricConstants.HotaAlphas"/>. The headline numbers (<see cref="Hota"/>, ...) are the
/// means over alpha, as TrackEval reports them.
/// </summary>
public sealed record HotaResult
{
    /// <summary>True positives per alpha (HOTA_TP).</summary>
    public required double[] HotaTp { get; init; }

    /// <summary>False negatives per alpha (HOTA_FN).</summary>
    public required double[] HotaFn { get; init; }

    /// <summary>False positives per alpha (HOTA_FP).</summary>
    public required double[] HotaFp { get; init; }

    /// <summary>sqrt(DetA x AssA) per alpha.</summary>
    public required double[] HotaPerAlpha { get; init; }

    /// <summary>TP / (TP + FN + FP) per alpha.</summary>
    public required double[] DetAPerAlpha { get; init; }

    /// <summary>Mean over true positives of the association Jaccard, per alpha.</summary>
    public required double[] AssAPerAlpha { get; init; }

    /// <summary>Detection recall per alpha.</summary>
    public required double[] DetRePerAlpha { get; init; }

    /// <summary>Detection precision per alpha.</summary>
    public required double[] DetPrPerAlpha { get; init; }

    /// <summary>Association recall per alpha.</summary>
    public required double[] AssRePerAlpha { get; init; }

    /// <summary>Association precision per alpha.</summary>
    public required double[] AssPrPerAlpha { get; init; }

    /// <summary>Mean similarity of the true positives per alpha (LocA).</summary>
    public required double[] LocA { get; init; }

    /// <summary>sqrt(DetRe x AssA) per alpha.</summary>
    public required double[] RHotaPerAlpha { get; init; }

    /// <summary>HOTA at the lowest alpha (TrackEval's HOTA(0)).</summary>
    public double Hota0 { get; init; }

    /// <summary>LocA at the lowest alpha.</summary>
    public double LocA0 { get; init; }

    /// <summary>HOTA(0) x LocA(0).</summary>
    public double HotaLocA0 { get; init; }

    /// <summary>HOTA: mean over alpha.</summary>
    public double Hota => HotaPerAlpha.Average();

    /// <summary>DetA: mean over alpha.</summary>
    public double DetA => DetAPerAlpha.Average();

    /// <summary>AssA: mean over alpha.</summary>
    public double AssA => AssAPerAlpha.Average();

    /// <summary>DetRe: mean over alpha.</summary>
    public double DetRe => DetRePerAlpha.Average();

    /// <summary>DetPr: mean over alpha.</summary>
    public double DetPr => DetPrPerAlpha.Average();

    /// <summary>AssRe: mean over alpha.</summary>
    public double AssRe => AssRePerAlpha.Average();

    /// <summary>AssPr: mean over alpha.</summary>
    public double AssPr => AssPrPerAlpha.Average();

    /// <summary>LocA: mean over alpha.</summary>
    public double LocAMean => LocA.Average();

    /// <summary>True when any alpha has a TP, FN or FP (TrackEval's test for including a class in class averages).</summary>
    public bool HasDetections
    {
        get
        {
            for (int a = 0; a < HotaTp.Length; a++)
                if (HotaTp[a] + HotaFn[a] + HotaFp[a] > 0 + MetricConstants.NumpyEps) return true;
            return false;
        }
    }

    /// <summary>All fields zero (TrackEval's initial result).</summary>
    public static HotaResult Zero()
    {
        int n = MetricConstants.HotaAlphas.Count;
        return new HotaResult
        {
            HotaTp = new double[n], HotaFn = new double[n], HotaFp = new double[n],
            HotaPerAlpha = new double[n], DetAPerAlpha = new double[n], AssAPerAlpha = new double[n],
            DetRePerAlpha = new double[n], DetPrPerAlpha = new double[n], AssRePerAlpha = new double[n],
            AssPrPerAlpha = new double[n], LocA = new double[n], RHotaPerAlpha = new double[n],
        };
    }

    /// <summary>TrackEval's <c>_compute_final_fields</c>: the fields that follow from the counts and AssA/AssRe/AssPr/LocA.</summary>
    public static HotaResult WithFinalFields(double[] tp, double[] fn, double[] fp, double[] assA, double[] assRe, double[] assPr, double[] locA)
    {
        int n = tp.Length;
        double[] detRe = new double[n], detPr = new double[n], detA = new double[n], hota = new double[n], rhota = new double[n];
        for (int a = 0; a < n; a++)
        {
            detRe[a] = tp[a] / Math.Max(1, tp[a] + fn[a]);
            detPr[a] = tp[a] / Math.Max(1, tp[a] + fp[a]);
            detA[a] = tp[a] / Math.Max(1, tp[a] + fn[a] + fp[a]);
            hota[a] = Math.Sqrt(detA[a] * assA[a]);
            rhota[a] = Math.Sqrt(detRe[a] * assA[a]);
        }
        return new HotaResult
        {
            HotaTp = tp, HotaFn = fn, HotaFp = fp,
            HotaPerAlpha = hota, DetAPerAlpha = detA, AssAPerAlpha = assA,
            DetRePerAlpha = detRe, DetPrPerAlpha = detPr, AssRePerAlpha = assRe, AssPrPerAlpha = assPr,
            LocA = locA, RHotaPerAlpha = rhota,
            Hota0 = hota[0], LocA0 = locA[0], HotaLocA0 = hota[0] * locA[0],
        };
    }

    /// <summary>
    /// TrackEval's <c>combine_sequences</c> (and <c>combine_classes_det_averaged</c>): counts summed,
    /// AssA/AssRe/AssPr and LocA averaged weighted by HOTA_TP, the rest recomputed.
    /// </summary>
    public static HotaResult Combine(IReadOnlyCollection<HotaResult> parts)
    {
        int n = MetricConstants.HotaAlphas.Count;
        double[] tp = Sum(parts, r => r.HotaTp), fn = Sum(parts, r => r.HotaFn), fp = Sum(parts, r => r.HotaFp);
        double[] assA = new double[n], assRe = new double[n], assPr = new double[n], locA = new double[n];
        for (int a = 0; a < n; a++)
        {
            double w = Math.Max(1, tp[a]);
            assA[a] = parts.Sum(r => r.AssAPerAlpha[a] * r.HotaTp[a]) / w;
            assRe[a] = parts.Sum(r => r.AssRePerAlpha[a] * r.HotaTp[a]) / w;
            assPr[a] = parts.Sum(r => r.AssPrPerAlpha[a] * r.HotaTp[a]) / w;
            locA[a] = Math.Max(1e-10, parts.Sum(r => r.LocA[a] * r.HotaTp[a])) / Math.Max(1e-10, tp[a]);
        }
        return WithFinalFields(tp, fn, fp, assA, assRe, assPr, locA);
    }

    /// <summary>
    /// TrackEval's <c>combine_classes_class_averaged</c>: over the classes with any detection, counts
    /// summed and every score the plain mean of the class scores (NaN when no class has detections).
    /// </summary>
    public static HotaResult ClassAverage(IReadOnlyCollection<HotaResult> classes)
    {
        var used = classes.Where(c => c.HasDetections).ToArray();
        double[] Mean(Func<HotaResult, double[]> field)
        {
            int n = MetricConstants.HotaAlphas.Count;
            var m = new double[n];
            for (int a = 0; a < n; a++) m[a] = used.Length == 0 ? double.NaN : used.Average(c => field(c)[a]);
            return m;
        }
        double MeanScalar(Func<HotaResult, double> field) => used.Length == 0 ? double.NaN : used.Average(field);
        return new HotaResult
        {
            HotaTp = Sum(used, r => r.HotaTp), HotaFn = Sum(used, r => r.HotaFn), HotaFp = Sum(used, r => r.HotaFp),
            HotaPerAlpha = Mean(r => r.HotaPerAlpha), DetAPerAlpha = Mean(r => r.DetAPerAlpha), AssAPerAlpha = Mean(r => r.AssAPerAlpha),
            DetRePerAlpha = Mean(r => r.DetRePerAlpha), DetPrPerAlpha = Mean(r => r.DetPrPerAlpha), AssRePerAlpha = Mean(r => r.AssRePerAlpha),
            AssPrPerAlpha = Mean(r => r.AssPrPerAlpha), LocA = Mean(r => r.LocA), RHotaPerAlpha = Mean(r => r.RHotaPerAlpha),
            Hota0 = MeanScalar(r => r.Hota0), LocA0 = MeanScalar(r => r.LocA0), HotaLocA0 = MeanScalar(r => r.HotaLocA0),
        };
    }

    private static double[] Sum(IEnumerable<HotaResult> parts, Func<HotaResult, double[]> field)
    {
        var s = new double[MetricConstants.HotaAlphas.Count];
        foreach (var p in parts)
        {
            var f = field(p);
            for (int a = 0; a < s.Length; a++) s[a] += f[a];
        }
        return s;
    }
}
