using SatVideoSeg.Core.Assignment;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// CLEAR MOT metrics of one sequence (for MOTS: MOTSA, sMOTSA, MOTSP with mask IoU), exactly as
/// TrackEval's <c>CLEAR.eval_sequence</c>, computed online frame by frame: a pair matches when
/// its similarity is at least 0.5; the assignment first keeps the match each ground-truth id had
/// in the previous frame (score 1000 + IoU), then maximises IoU; an ID switch is a matched
/// ground-truth id whose tracker id differs from the one it was last matched to, any number of
/// frames before.
/// </summary>
public sealed class ClearAccumulator
{
    /// <summary>Minimum similarity of a match.</summary>
    public const double Threshold = 0.5;

    private readonly IdIndex _gt = new();
    private readonly IdIndex _tracker = new();
    private readonly List<int> _gtFrames = [];         // gt_id_count: frames each gt id was present in (when the frame had any tracker det)
    private readonly List<int> _gtMatched = [];        // gt_matched_count
    private readonly List<int> _gtFragments = [];      // gt_frag_count
    private readonly List<int> _lastTracker = [];      // prev_tracker_id (-1 = none yet), for scoring IDSW
    private readonly List<int> _previousFrameTracker = []; // prev_timestep_tracker_id (-1 = not matched), for matching
    private long _tp, _fn, _fp, _idsw;
    private double _motpSum;
    private int _frames;

    /// <summary>Adds the next frame (frames without any object count too).</summary>
    public void Add(FrameSimilarity frame)
    {
        _frames++;
        var gt = _gt.Add(frame.GtIds);
        var tr = _tracker.Add(frame.TrackerIds);
        while (_gtFrames.Count < _gt.Count)
        {
            _gtFrames.Add(0);
            _gtMatched.Add(0);
            _gtFragments.Add(0);
            _lastTracker.Add(-1);
            _previousFrameTracker.Add(-1);
        }
        if (gt.Length == 0)
        {
            _fp += tr.Length;
            return;
        }
        if (tr.Length == 0)
        {
            // As TrackEval: the previous-frame matches are not cleared by a frame without tracker output.
            _fn += gt.Length;
            foreach (int g in gt) _gtFrames[g]++;
            return;
        }

        var similarity = frame.ToDense();
        var score = new double[gt.Length, tr.Length];
        for (int i = 0; i < gt.Length; i++)
            for (int j = 0; j < tr.Length; j++)
            {
                double s = similarity[i, j];
                if (s < Threshold - MetricConstants.NumpyEps) continue; // score 0: cannot match
                score[i, j] = (_previousFrameTracker[gt[i]] == tr[j] ? 1000 : 0) + s;
            }
        var cost = new double[gt.Length, tr.Length];
        for (int i = 0; i < gt.Length; i++)
            for (int j = 0; j < tr.Length; j++) cost[i, j] = -score[i, j];
        var matches = LinearAssignment.Solve(cost).Where(m => score[m.Row, m.Col] > 0 + MetricConstants.NumpyEps).ToArray();

        foreach (var (r, c) in matches)
        {
            int last = _lastTracker[gt[r]];
            if (last >= 0 && last != tr[c]) _idsw++;
        }
        foreach (int g in gt) _gtFrames[g]++;
        var notPreviouslyTracked = _previousFrameTracker.Select(p => p < 0).ToArray();
        for (int g = 0; g < _previousFrameTracker.Count; g++) _previousFrameTracker[g] = -1;
        foreach (var (r, c) in matches)
        {
            _gtMatched[gt[r]]++;
            _lastTracker[gt[r]] = tr[c];
            _previousFrameTracker[gt[r]] = tr[c];
        }
        // A fragment starts wherever a gt id is tracked now and was not in the previous frame.
        foreach (var (r, _) in matches)
            if (notPreviouslyTracked[gt[r]]) _gtFragments[gt[r]]++;

        _tp += matches.Length;
        _fn += gt.Length - matches.Length;
        _fp += tr.Length - matches.Length;
        foreach (var (r, c) in matches) _motpSum += similarity[r, c];
    }

    /// <summary>The sequence's CLEAR result.</summary>
    public ClearResult Compute()
    {
        if (_tracker.TotalDetections == 0)
            return ClearResult.Empty with { ClrFn = _gt.TotalDetections, ML = _gt.Count, Mlr = 1.0 };
        if (_gt.TotalDetections == 0)
            return ClearResult.Empty with { ClrFp = _tracker.TotalDetections, Mlr = 1.0 };

        int mt = 0, ptOrMore = 0;
        long frag = 0;
        for (int g = 0; g < _gt.Count; g++)
        {
            if (_gtFragments[g] > 0) frag += _gtFragments[g] - 1;
            if (_gtFrames[g] == 0) continue;
            double ratio = (double)_gtMatched[g] / _gtFrames[g];
            if (ratio > 0.8) mt++;
            if (ratio >= 0.2) ptOrMore++;
        }
        var counts = new ClearCounts(_tp, _fn, _fp, _idsw, mt, ptOrMore - mt, _gt.Count - ptOrMore, frag, _frames, _motpSum);
        return ClearResult.FromCounts(counts);
    }
}
