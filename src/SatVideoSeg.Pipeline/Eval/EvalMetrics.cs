using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// The headline numbers of one scope, flat, as metrics.json and metrics.csv hold them. Scores are
/// fractions (not percent); NaN (written as null) where a score is undefined (no object to score).
/// For masks MOTA is MOTSA, sMOTA sMOTSA and MOTP MOTSP.
/// </summary>
public sealed record EvalMetrics
{
    /// <summary>HOTA, mean over alpha.</summary>
    public double Hota { get; init; }
    /// <summary>Detection accuracy, mean over alpha.</summary>
    public double DetA { get; init; }
    /// <summary>Association accuracy, mean over alpha.</summary>
    public double AssA { get; init; }
    /// <summary>Detection recall, mean over alpha.</summary>
    public double DetRe { get; init; }
    /// <summary>Detection precision, mean over alpha.</summary>
    public double DetPr { get; init; }
    /// <summary>Association recall, mean over alpha.</summary>
    public double AssRe { get; init; }
    /// <summary>Association precision, mean over alpha.</summary>
    public double AssPr { get; init; }
    /// <summary>Localisation accuracy (mean IoU of HOTA matches), mean over alpha.</summary>
    public double LocA { get; init; }
    /// <summary>HOTA at alpha 0.05.</summary>
    public double Hota0 { get; init; }
    /// <summary>MOTSA = (TP - FP - IDSW) / (TP + FN).</summary>
    public double Motsa { get; init; }
    /// <summary>sMOTSA = (sum of match IoU - FP - IDSW) / (TP + FN).</summary>
    public double SMotsa { get; init; }
    /// <summary>MOTSP: mean IoU of CLEAR matches.</summary>
    public double Motsp { get; init; }
    /// <summary>(TP - FP) / (TP + FN).</summary>
    public double Moda { get; init; }
    /// <summary>CLEAR true positives (IoU >= 0.5).</summary>
    public long Tp { get; init; }
    /// <summary>CLEAR false positives.</summary>
    public long Fp { get; init; }
    /// <summary>CLEAR false negatives.</summary>
    public long Fn { get; init; }
    /// <summary>ID switches.</summary>
    public long Idsw { get; init; }
    /// <summary>Mostly tracked ground-truth ids.</summary>
    public long MT { get; init; }
    /// <summary>Partly tracked ground-truth ids.</summary>
    public long PT { get; init; }
    /// <summary>Mostly lost ground-truth ids.</summary>
    public long ML { get; init; }
    /// <summary>Fragmentations.</summary>
    public long Frag { get; init; }
    /// <summary>CLEAR recall TP / (TP + FN).</summary>
    public double Recall { get; init; }
    /// <summary>CLEAR precision TP / (TP + FP).</summary>
    public double Precision { get; init; }
    /// <summary>IDF1.</summary>
    public double Idf1 { get; init; }
    /// <summary>ID recall.</summary>
    public double Idr { get; init; }
    /// <summary>ID precision.</summary>
    public double Idp { get; init; }
    /// <summary>Identity true positives.</summary>
    public long IdTp { get; init; }
    /// <summary>Identity false negatives.</summary>
    public long IdFn { get; init; }
    /// <summary>Identity false positives.</summary>
    public long IdFp { get; init; }
    /// <summary>DAVIS J&amp;F = (J mean + F mean) / 2.</summary>
    public double JandF { get; init; }
    /// <summary>DAVIS J (region IoU) mean.</summary>
    public double JMean { get; init; }
    /// <summary>DAVIS J recall (share of frames above 0.5).</summary>
    public double JRecall { get; init; }
    /// <summary>DAVIS J decay (first quarter minus last quarter).</summary>
    public double JDecay { get; init; }
    /// <summary>DAVIS F (boundary F-measure) mean.</summary>
    public double FMean { get; init; }
    /// <summary>DAVIS F recall.</summary>
    public double FRecall { get; init; }
    /// <summary>DAVIS F decay.</summary>
    public double FDecay { get; init; }
    /// <summary>Annotated objects J&amp;F averages over.</summary>
    public int GtTracks { get; init; }
    /// <summary>Mean per-object IoU (prediction with the same track id).</summary>
    public double ObjectIoU { get; init; }
    /// <summary>Mean per-object boundary IoU, ratio band.</summary>
    public double ObjectBIoU { get; init; }
    /// <summary>Mean per-object boundary IoU, fixed band.</summary>
    public double ObjectBIoUFixed { get; init; }
    /// <summary>Mean per-frame IoU of the union masks (ROS-SAM protocol).</summary>
    public double UnionIoU { get; init; }
    /// <summary>Mean per-frame boundary IoU of the union masks, ratio band.</summary>
    public double UnionBIoU { get; init; }
    /// <summary>Mean per-frame boundary IoU of the union masks, fixed band.</summary>
    public double UnionBIoUFixed { get; init; }
    /// <summary>Annotated object-frames scored by the IoU metrics.</summary>
    public long GtObjectFrames { get; init; }

    /// <summary>Flattens a bundle.</summary>
    public static EvalMetrics From(MetricBundle b) => From(b.Hota, b.Clear, b.Identity, b.JandF) with
    {
        ObjectIoU = b.Segmentation.ObjectIoU,
        ObjectBIoU = b.Segmentation.ObjectBIoU,
        ObjectBIoUFixed = b.Segmentation.ObjectBIoUFixed,
        UnionIoU = b.Segmentation.UnionIoU,
        UnionBIoU = b.Segmentation.UnionBIoU,
        UnionBIoUFixed = b.Segmentation.UnionBIoUFixed,
        GtObjectFrames = b.Segmentation.Sums.ObjectFrames,
    };

    /// <summary>
    /// Class-averaged combination (TrackEval's combine_classes_class_averaged): HOTA/CLEAR/Identity
    /// scores are the mean over classes with any detection, counts summed over them; J&amp;F the mean
    /// over classes with annotated objects; IoU scores the mean over classes where they are defined.
    /// </summary>
    public static EvalMetrics ClassAveraged(IReadOnlyCollection<MetricBundle> classes)
    {
        double Mean(Func<MetricBundle, double> f)
        {
            var values = classes.Select(f).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length == 0 ? double.NaN : values.Average();
        }
        return From(
            HotaResult.ClassAverage(classes.Select(c => c.Hota).ToArray()),
            ClearResult.ClassAverage(classes.Select(c => c.Clear)),
            IdentityResult.ClassAverage(classes.Select(c => c.Identity)),
            JandFResult.ClassAverage(classes.Select(c => c.JandF).ToArray())) with
        {
            ObjectIoU = Mean(c => c.Segmentation.ObjectIoU),
            ObjectBIoU = Mean(c => c.Segmentation.ObjectBIoU),
            ObjectBIoUFixed = Mean(c => c.Segmentation.ObjectBIoUFixed),
            UnionIoU = Mean(c => c.Segmentation.UnionIoU),
            UnionBIoU = Mean(c => c.Segmentation.UnionBIoU),
            UnionBIoUFixed = Mean(c => c.Segmentation.UnionBIoUFixed),
            GtObjectFrames = classes.Sum(c => c.Segmentation.Sums.ObjectFrames),
        };
    }

    private static EvalMetrics From(HotaResult h, ClearResult c, IdentityResult i, JandFResult j) => new()
    {
        Hota = h.Hota, DetA = h.DetA, AssA = h.AssA, DetRe = h.DetRe, DetPr = h.DetPr, AssRe = h.AssRe, AssPr = h.AssPr,
        LocA = h.LocAMean, Hota0 = h.Hota0,
        Motsa = c.Mota, SMotsa = c.SMota, Motsp = c.Motp, Moda = c.Moda,
        Tp = c.ClrTp, Fp = c.ClrFp, Fn = c.ClrFn, Idsw = c.Idsw, MT = c.Counts.MT, PT = c.Counts.PT, ML = c.ML, Frag = c.Counts.Frag,
        Recall = c.Recall, Precision = c.Precision,
        Idf1 = i.IdF1, Idr = i.IdR, Idp = i.IdP, IdTp = i.IdTp, IdFn = i.IdFn, IdFp = i.IdFp,
        JandF = j.JandF, JMean = j.JMean, JRecall = j.JRecall, JDecay = j.JDecay,
        FMean = j.FMean, FRecall = j.FRecall, FDecay = j.FDecay, GtTracks = j.NumGtTracks,
    };
}
