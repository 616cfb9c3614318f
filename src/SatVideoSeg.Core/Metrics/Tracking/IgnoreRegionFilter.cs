using SatVideoSeg.Core.Assignment;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// TrackEval's MOTS preprocessing of ignore regions (KITTI MOTS / MOTSChallenge class 10,
/// obj_id 10000): predictions are first matched to the ground truth (Hungarian on IoU, pairs above
/// 0.5 + eps only); a prediction left unmatched is dropped when more than half of it (intersection
/// over its own area, pycocotools' crowd IoU) lies in the frame's ignore region.
/// </summary>
public static class IgnoreRegionFilter
{
    /// <summary>The predictions that remain (in their original order).</summary>
    public static IReadOnlyList<TrackedMask> Apply(IReadOnlyList<TrackedMask> gt, IReadOnlyList<TrackedMask> predicted, BitMask? ignoreRegion)
    {
        if (ignoreRegion is null || ignoreRegion.IsEmpty || predicted.Count == 0) return predicted;
        var matched = new bool[predicted.Count];
        if (gt.Count > 0)
        {
            var sim = FrameSimilarity.Compute(gt, predicted).ToDense();
            var cost = new double[gt.Count, predicted.Count];
            for (int i = 0; i < gt.Count; i++)
                for (int j = 0; j < predicted.Count; j++)
                    cost[i, j] = sim[i, j] < 0.5 + MetricConstants.NumpyEps ? 0 : -sim[i, j];
            foreach (var (r, c) in LinearAssignment.Solve(cost))
                if (-cost[r, c] > 0 + MetricConstants.NumpyEps) matched[c] = true;
        }
        var kept = new List<TrackedMask>(predicted.Count);
        for (int j = 0; j < predicted.Count; j++)
        {
            long area = predicted[j].Mask.Area;
            double ioa = area == 0 ? 0 : (double)predicted[j].Mask.IntersectionArea(ignoreRegion) / area;
            if (matched[j] || !(ioa > 0.5 + MetricConstants.NumpyEps)) kept.Add(predicted[j]);
        }
        return kept;
    }
}
