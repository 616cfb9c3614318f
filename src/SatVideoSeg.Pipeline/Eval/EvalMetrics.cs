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
    public double Hota { get; init; }
    public double DetA { get; init; }
    public double AssA { get; init; }
    public double DetRe { get; init; }
    public double DetPr { get; init; }
    public double AssRe { get; init; }
    public double AssPr { get; init; }
    public double LocA { get; init; }
    public double Hota0 { get; init; }
    public double Motsa { get; init; }
    public double SMotsa { get; init; }
    public double Motsp { get; init; }
    public double Moda { get; init; }
    public long Tp { get; init; }
    public long Fp { get; init; }
    public long Fn { get; init; }
    public long Idsw { get; init; }
    public long MT { get; init; }
    public long PT { get; init; }
    public long ML { get; init; }
    public long Frag { get; init; }
    public double Recall { get; init; }
    public double Precision { get; init; }
    public double Idf1 { get; init; }
    public double Idr { get; init; }
    public double Idp { get; init; }
    public long IdTp { get; init; }
    public long IdFn { get; init; }
    public long IdFp { get; init; }
    public double JandF { get; init; }
    public double JMean { get; init; }
    public double JRecall { get; init; }
    public double JDecay { get; init; }
    public double FMean { get; init; }
    public double FRecall { get; init; }
    public double FDecay { get; init; }
    public int GtTracks { get; init; }
    public double ObjectIoU { get; init; }
    public double ObjectBIoU { get; init; }
    public double ObjectBIoUFixed { get; init; }
    public double UnionIoU { get; init; }
    public double UnionBIoU { get; init; }
    public double UnionBIoUFixed { get; init; }
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
