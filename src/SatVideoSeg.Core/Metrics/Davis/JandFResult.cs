namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>
/// DAVIS region (J) and boundary (F) scores of a set of annotated objects: Mean = mean per-frame
/// score, Recall = share of frames scoring above 0.5, Decay = mean of the first quarter of the
/// frames minus mean of the last quarter, each averaged over the objects. NaN when there is no
/// annotated object or no evaluated frame.
/// </summary>
public sealed record JandFResult
{
    /// <summary>Annotated objects the scores average over (TrackEval's num_gt_tracks).</summary>
    public int NumGtTracks { get; init; }

    /// <summary>Mean J.</summary>
    public double JMean { get; init; } = double.NaN;

    /// <summary>J recall.</summary>
    public double JRecall { get; init; } = double.NaN;

    /// <summary>J decay.</summary>
    public double JDecay { get; init; } = double.NaN;

    /// <summary>Mean F.</summary>
    public double FMean { get; init; } = double.NaN;

    /// <summary>F recall.</summary>
    public double FRecall { get; init; } = double.NaN;

    /// <summary>F decay.</summary>
    public double FDecay { get; init; } = double.NaN;

    /// <summary>(J mean + F mean) / 2.</summary>
    public double JandF => (JMean + FMean) / 2;

    /// <summary>Per-object scores, by annotated track id.</summary>
    public IReadOnlyDictionary<int, JandFObjectScore> Objects { get; init; } = new Dictionary<int, JandFObjectScore>();

    /// <summary>
    /// TrackEval's <c>combine_sequences</c>: each score averaged weighted by NumGtTracks. Parts
    /// without annotated objects are left out (TrackEval would let their NaN through).
    /// </summary>
    public static JandFResult Combine(IReadOnlyCollection<JandFResult> parts)
    {
        var used = parts.Where(p => p.NumGtTracks > 0).ToArray();
        int n = used.Sum(p => p.NumGtTracks);
        double W(Func<JandFResult, double> f) => n == 0 ? double.NaN : used.Sum(p => f(p) * p.NumGtTracks) / n;
        return new JandFResult
        {
            NumGtTracks = n,
            JMean = W(p => p.JMean), JRecall = W(p => p.JRecall), JDecay = W(p => p.JDecay),
            FMean = W(p => p.FMean), FRecall = W(p => p.FRecall), FDecay = W(p => p.FDecay),
        };
    }

    /// <summary>TrackEval's class combination (class- and det-averaged alike): plain mean over the classes that have annotated objects.</summary>
    public static JandFResult ClassAverage(IReadOnlyCollection<JandFResult> classes)
    {
        var used = classes.Where(p => p.NumGtTracks > 0).ToArray();
        double M(Func<JandFResult, double> f) => used.Length == 0 ? double.NaN : used.Average(f);
        return new JandFResult
        {
            NumGtTracks = used.Sum(p => p.NumGtTracks),
            JMean = M(p => p.JMean), JRecall = M(p => p.JRecall), JDecay = M(p => p.JDecay),
            FMean = M(p => p.FMean), FRecall = M(p => p.FRecall), FDecay = M(p => p.FDecay),
        };
    }
}
