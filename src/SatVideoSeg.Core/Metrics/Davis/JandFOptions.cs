namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>Settings of the DAVIS J&amp;F evaluation; the defaults are davis2017-evaluation's semi-supervised protocol.</summary>
public sealed record JandFOptions
{
    /// <summary>Boundary tolerance: a fraction of the image diagonal (below 1) or a radius in whole pixels. Default 0.008.</summary>
    public double BoundaryThreshold { get; init; } = DavisBoundary.DefaultBoundaryThreshold;

    /// <summary>How objects are paired. Default <see cref="JandFMatching.ById"/>.</summary>
    public JandFMatching Matching { get; init; } = JandFMatching.ById;

    /// <summary>
    /// Leave out the first frame (the given annotation in semi-supervised video object segmentation)
    /// and the last one, as davis2017-evaluation does in semi-supervised mode. Default true.
    /// </summary>
    public bool SkipFirstAndLastFrame { get; init; } = true;
}
