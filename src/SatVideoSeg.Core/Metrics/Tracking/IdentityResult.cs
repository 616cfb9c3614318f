namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>Identity scores with TrackEval's field names.</summary>
public sealed record IdentityResult
{
    /// <summary>Detections of ground-truth ids covered by their matched tracker id.</summary>
    public long IdTp { get; init; }

    /// <summary>Ground-truth detections not covered by the matched tracker id.</summary>
    public long IdFn { get; init; }

    /// <summary>Tracker detections not covering their matched ground-truth id.</summary>
    public long IdFp { get; init; }

    /// <summary>IDTP / (IDTP + IDFP/2 + IDFN/2).</summary>
    public double IdF1 { get; init; }

    /// <summary>IDTP / (IDTP + IDFN).</summary>
    public double IdR { get; init; }

    /// <summary>IDTP / (IDTP + IDFP).</summary>
    public double IdP { get; init; }

    /// <summary>TrackEval's <c>_compute_final_fields</c> (denominators at least 1).</summary>
    public static IdentityResult FromCounts(long idtp, long idfn, long idfp) => new()
    {
        IdTp = idtp,
        IdFn = idfn,
        IdFp = idfp,
        IdR = idtp / Math.Max(1.0, idtp + idfn),
        IdP = idtp / Math.Max(1.0, idtp + idfp),
        IdF1 = idtp / Math.Max(1.0, idtp + 0.5 * idfp + 0.5 * idfn),
    };

    /// <summary>Counts summed, scores recomputed (TrackEval's combine_sequences and det-averaged class combination).</summary>
    public static IdentityResult Combine(IEnumerable<IdentityResult> parts)
    {
        long tp = 0, fn = 0, fp = 0;
        foreach (var p in parts) { tp += p.IdTp; fn += p.IdFn; fp += p.IdFp; }
        return FromCounts(tp, fn, fp);
    }

    /// <summary>Class-averaged: over classes with any count, counts summed and scores averaged (NaN when none).</summary>
    public static IdentityResult ClassAverage(IEnumerable<IdentityResult> classes)
    {
        var used = classes.Where(c => c.IdTp + c.IdFn + c.IdFp > 0).ToArray();
        double Mean(Func<IdentityResult, double> f) => used.Length == 0 ? double.NaN : used.Average(f);
        return new IdentityResult
        {
            IdTp = used.Sum(c => c.IdTp), IdFn = used.Sum(c => c.IdFn), IdFp = used.Sum(c => c.IdFp),
            IdF1 = Mean(c => c.IdF1), IdR = Mean(c => c.IdR), IdP = Mean(c => c.IdP),
        };
    }
}
