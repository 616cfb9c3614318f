using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Tests.Core.Metrics;

/// <summary>Runs the three tracking accumulators over frames given as id lists and similarity matrices (as TrackEval's data dict).</summary>
internal static class TrackingCases
{
    public static FrameSimilarity F(int[] gt, int[] tr, double[,]? sim = null) =>
        FrameSimilarity.FromMatrix(gt, tr, sim ?? new double[gt.Length, tr.Length]);

    public static (HotaResult Hota, ClearResult Clear, IdentityResult Identity) Run(params FrameSimilarity[] frames)
    {
        var hota = new HotaAccumulator();
        var clear = new ClearAccumulator();
        var identity = new IdentityAccumulator();
        foreach (var f in frames)
        {
            hota.Add(f);
            clear.Add(f);
            identity.Add(f);
        }
        return (hota.Compute(), clear.Compute(), identity.Compute());
    }

    /// <summary>The alphas at which a similarity s counts as a HOTA match (s >= alpha - eps).</summary>
    public static int AlphasUpTo(double s) => MetricConstants.HotaAlphas.Count(a => s >= a - MetricConstants.NumpyEps);
}
