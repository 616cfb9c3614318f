namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>How predicted objects are paired with annotated objects for J&amp;F.</summary>
public enum JandFMatching
{
    /// <summary>Object k of the prediction is object k of the annotation (DAVIS semi-supervised; right when the prediction keeps the annotation's ids, as `segment` does).</summary>
    ById,

    /// <summary>One assignment per sequence maximising mean (J + F) / 2 (DAVIS unsupervised); predictions padded with empty objects.</summary>
    HungarianJandF,

    /// <summary>One assignment per sequence maximising mean J (TrackEval's JAndF, optim_type 'J').</summary>
    HungarianJ,
}
