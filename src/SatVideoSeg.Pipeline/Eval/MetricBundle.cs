using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Segmentation;
using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>All metric results of one scope (a sequence and class, or a combination), with TrackEval's combination rules.</summary>
public sealed record MetricBundle(HotaResult Hota, ClearResult Clear, IdentityResult Identity, JandFResult JandF, SegmentationResult Segmentation)
{
    /// <summary>
    /// Combines sequences of one class (TrackEval's combine_sequences): HOTA/CLEAR/Identity counts
    /// summed (AssA and LocA weighted by HOTA_TP), J&amp;F weighted by annotated objects, IoU sums pooled.
    /// </summary>
    public static MetricBundle CombineSequences(IReadOnlyCollection<MetricBundle> parts) => new(
        HotaResult.Combine(parts.Select(p => p.Hota).ToArray()),
        ClearResult.Combine(parts.Select(p => p.Clear)),
        IdentityResult.Combine(parts.Select(p => p.Identity)),
        JandFResult.Combine(parts.Select(p => p.JandF).ToArray()),
        SegmentationResult.Combine(parts.Select(p => p.Segmentation)));

    /// <summary>
    /// Detection-averaged class combination (TrackEval's combine_classes_det_averaged): as if all
    /// classes' detections were pooled (matching stays within a class). J&amp;F has no such variant in
    /// TrackEval and takes the plain class mean; IoU sums are pooled.
    /// </summary>
    public static MetricBundle DetAveraged(IReadOnlyCollection<MetricBundle> classes) => new(
        HotaResult.Combine(classes.Select(p => p.Hota).ToArray()),
        ClearResult.Combine(classes.Select(p => p.Clear)),
        IdentityResult.Combine(classes.Select(p => p.Identity)),
        JandFResult.ClassAverage(classes.Select(p => p.JandF).ToArray()),
        SegmentationResult.Combine(classes.Select(p => p.Segmentation)));
}
