namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>Constants the reference implementations use in their comparisons.</summary>
public static class MetricConstants
{
    /// <summary>numpy's <c>np.finfo('float').eps</c> (2^-52), which TrackEval adds to or subtracts from thresholds. Not <see cref="double.Epsilon"/>.</summary>
    public const double NumpyEps = 2.220446049250313e-16;

    /// <summary>The HOTA localisation thresholds alpha = 0.05, 0.10, ..., 0.95 as <c>np.arange(0.05, 0.99, 0.05)</c> computes them.</summary>
    public static IReadOnlyList<double> HotaAlphas { get; } = Enumerable.Range(0, 19).Select(i => 0.05 + i * 0.05).ToArray();
}
