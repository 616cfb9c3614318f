using SatVideoSeg.Core.Assignment;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// Identity metrics (IDF1, IDR, IDP; Ristani et al. 2016) of one sequence, exactly as TrackEval's
/// <c>Identity.eval_sequence</c>: ground-truth and tracker ids are matched once for the whole
/// sequence by a minimum-cost assignment where a pair's cost is the detections it leaves unmatched
/// (IDFN + IDFP), a pair "matching" in every frame where its similarity is at least 0.5. Only the
/// per-pair match counts are kept, so memory is O(ids^2) at most.
/// </summary>
public sealed class IdentityAccumulator
{
    /// <summary>Minimum similarity of a per-frame potential match (no epsilon, as TrackEval).</summary>
    public const double Threshold = 0.5;

    private readonly IdIndex _gt = new();
    private readonly IdIndex _tracker = new();
    private readonly Dictionary<(int Gt, int Tr), int> _potentialMatches = [];

    /// <summary>Adds the next frame.</summary>
    public void Add(FrameSimilarity frame)
    {
        var gt = _gt.Add(frame.GtIds);
        var tr = _tracker.Add(frame.TrackerIds);
        foreach (var e in frame.Entries)
        {
            if (!(e.Value >= Threshold)) continue;
            var key = (gt[e.Row], tr[e.Col]);
            _potentialMatches[key] = _potentialMatches.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The sequence's identity result.</summary>
    public IdentityResult Compute()
    {
        if (_tracker.TotalDetections == 0) return new IdentityResult { IdFn = _gt.TotalDetections };
        if (_gt.TotalDetections == 0) return new IdentityResult { IdFp = _tracker.TotalDetections };

        // (G+T) x (G+T): gt ids against tracker ids, each gt id also against its own "unmatched"
        // column and each tracker id against its own "unmatched" row; 1e10 forbids the other
        // dummy cells, as TrackEval builds it.
        int g = _gt.Count, t = _tracker.Count, n = g + t;
        var fn = new double[n, n];
        var fp = new double[n, n];
        for (int r = g; r < n; r++)
            for (int c = 0; c < t; c++) fp[r, c] = 1e10;
        for (int r = 0; r < g; r++)
            for (int c = t; c < n; c++) fn[r, c] = 1e10;
        for (int i = 0; i < g; i++)
        {
            for (int c = 0; c < t; c++) fn[i, c] = _gt.Detections(i);
            fn[i, t + i] = _gt.Detections(i);
        }
        for (int j = 0; j < t; j++)
        {
            for (int r = 0; r < g; r++) fp[r, j] = _tracker.Detections(j);
            fp[j + g, j] = _tracker.Detections(j);
        }
        foreach (var ((i, j), count) in _potentialMatches)
        {
            fn[i, j] -= count;
            fp[i, j] -= count;
        }
        var cost = new double[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) cost[r, c] = fn[r, c] + fp[r, c];
        double idfn = 0, idfp = 0;
        foreach (var (r, c) in LinearAssignment.Solve(cost))
        {
            idfn += fn[r, c];
            idfp += fp[r, c];
        }
        long idFn = (long)idfn, idFp = (long)idfp;
        return IdentityResult.FromCounts(_gt.TotalDetections - idFn, idFn, idFp);
    }
}
