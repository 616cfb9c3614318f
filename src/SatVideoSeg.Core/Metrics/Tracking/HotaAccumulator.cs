using SatVideoSeg.Core.Assignment;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// HOTA (Luiten et al., IJCV 2021) of one sequence, exactly as TrackEval's <c>HOTA.eval_sequence</c>.
/// Frames are added one at a time; the first of TrackEval's two passes (the global alignment
/// counts) runs as they arrive, and each frame's sparse similarities are kept for the second pass,
/// which needs the finished global alignment score. Memory is O(frames x overlapping pairs).
/// </summary>
public sealed class HotaAccumulator
{
    private readonly IdIndex _gt = new();
    private readonly IdIndex _tracker = new();
    private readonly Dictionary<(int Gt, int Tr), double> _potentialMatches = [];
    private readonly List<StoredFrame> _frames = [];

    /// <summary>Adds the next frame (frames without any object count too).</summary>
    public void Add(FrameSimilarity frame)
    {
        var gt = _gt.Add(frame.GtIds);
        var tr = _tracker.Add(frame.TrackerIds);
        var entries = frame.Entries.ToArray();
        _frames.Add(new StoredFrame(gt, tr, entries));

        // Pass 1: potential_matches_count += sim / (row sum + column sum - sim), TrackEval's
        // per-frame normalised "soft" match count between ids.
        var rowSum = new double[gt.Length];
        var colSum = new double[tr.Length];
        foreach (var e in entries)
        {
            rowSum[e.Row] += e.Value;
            colSum[e.Col] += e.Value;
        }
        foreach (var e in entries)
        {
            double denominator = colSum[e.Col] + rowSum[e.Row] - e.Value;
            if (denominator <= MetricConstants.NumpyEps) continue;
            var key = (gt[e.Row], tr[e.Col]);
            _potentialMatches[key] = _potentialMatches.GetValueOrDefault(key) + e.Value / denominator;
        }
    }

    /// <summary>The sequence's HOTA result (the accumulator can keep receiving frames afterwards).</summary>
    public HotaResult Compute()
    {
        var alphas = MetricConstants.HotaAlphas;
        int na = alphas.Count;
        var res = HotaResult.Zero();
        if (_tracker.TotalDetections == 0)
        {
            // TrackEval returns early without computing the final fields: every score stays 0, LocA is 1.
            return res with { HotaFn = Filled(na, _gt.TotalDetections), LocA = Filled(na, 1), LocA0 = 1 };
        }
        if (_gt.TotalDetections == 0)
            return res with { HotaFp = Filled(na, _tracker.TotalDetections), LocA = Filled(na, 1), LocA0 = 1 };

        // global_alignment_score = potential / (gt count + tracker count - potential), per id pair.
        var global = new Dictionary<(int Gt, int Tr), double>(_potentialMatches.Count);
        foreach (var (key, potential) in _potentialMatches)
            global[key] = potential / (_gt.Detections(key.Gt) + _tracker.Detections(key.Tr) - potential);

        var tp = new double[na];
        var fn = new double[na];
        var fp = new double[na];
        var locSum = new double[na];
        var matchCounts = new Dictionary<(int Gt, int Tr), int>[na];
        for (int a = 0; a < na; a++) matchCounts[a] = [];

        foreach (var f in _frames)
        {
            if (f.Gt.Length == 0)
            {
                for (int a = 0; a < na; a++) fp[a] += f.Tr.Length;
                continue;
            }
            if (f.Tr.Length == 0)
            {
                for (int a = 0; a < na; a++) fn[a] += f.Gt.Length;
                continue;
            }
            var similarity = new double[f.Gt.Length, f.Tr.Length];
            var cost = new double[f.Gt.Length, f.Tr.Length];
            foreach (var e in f.Entries)
            {
                similarity[e.Row, e.Col] = e.Value;
                // Hungarian on -(global alignment x similarity): prefer pairs that align over the whole sequence.
                cost[e.Row, e.Col] = -global.GetValueOrDefault((f.Gt[e.Row], f.Tr[e.Col])) * e.Value;
            }
            var matches = LinearAssignment.Solve(cost);
            for (int a = 0; a < na; a++)
            {
                int matched = 0;
                foreach (var (r, c) in matches)
                {
                    if (!(similarity[r, c] >= alphas[a] - MetricConstants.NumpyEps)) continue;
                    matched++;
                    locSum[a] += similarity[r, c];
                    var key = (f.Gt[r], f.Tr[c]);
                    matchCounts[a][key] = matchCounts[a].GetValueOrDefault(key) + 1;
                }
                tp[a] += matched;
                fn[a] += f.Gt.Length - matched;
                fp[a] += f.Tr.Length - matched;
            }
        }

        var assA = new double[na];
        var assRe = new double[na];
        var assPr = new double[na];
        for (int a = 0; a < na; a++)
        {
            double sumA = 0, sumRe = 0, sumPr = 0;
            foreach (var ((g, t), count) in matchCounts[a])
            {
                double gtCount = _gt.Detections(g), trCount = _tracker.Detections(t);
                sumA += count * (count / Math.Max(1, gtCount + trCount - count));
                sumRe += count * (count / Math.Max(1, gtCount));
                sumPr += count * (count / Math.Max(1, trCount));
            }
            double denominator = Math.Max(1, tp[a]);
            assA[a] = sumA / denominator;
            assRe[a] = sumRe / denominator;
            assPr[a] = sumPr / denominator;
        }
        var locA = new double[na];
        for (int a = 0; a < na; a++) locA[a] = Math.Max(1e-10, locSum[a]) / Math.Max(1e-10, tp[a]);
        return HotaResult.WithFinalFields(tp, fn, fp, assA, assRe, assPr, locA);
    }

    private static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }

    private sealed record StoredFrame(int[] Gt, int[] Tr, SimilarityEntry[] Entries);
}
