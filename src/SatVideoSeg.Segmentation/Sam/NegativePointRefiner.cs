using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// PointSAM's idea at inference: when two objects' masks overlap, each is prompted again with the
/// other's box centre as a negative point. Only the overlapping objects are re-run; a re-run
/// result replaces the first only where it reduces the overlap.
/// </summary>
public static class NegativePointRefiner
{
    /// <summary>Re-prompts overlapping objects; <paramref name="segment"/> segments a list of prompts.</summary>
    public static SegmentedObject[] Refine(Frame frame, IReadOnlyList<ObjectPrompt> prompts, SegmentedObject[] first, Func<IReadOnlyList<ObjectPrompt>, SegmentedObject[]> segment)
    {
        var negatives = new Dictionary<int, List<(double X, double Y)>>();
        for (int i = 0; i < first.Length; i++)
            for (int j = i + 1; j < first.Length; j++)
            {
                if (first[i].Mask.Rect.Intersect(first[j].Mask.Rect).IsEmpty || first[i].Mask.IntersectionArea(first[j].Mask) == 0) continue;
                Add(negatives, i, (prompts[j].Box.CenterX, prompts[j].Box.CenterY));
                Add(negatives, j, (prompts[i].Box.CenterX, prompts[i].Box.CenterY));
            }
        if (negatives.Count == 0) return first;
        var indices = negatives.Keys.Order().ToArray();
        var again = segment(indices.Select(i => prompts[i] with { NegativePoints = [.. prompts[i].NegativePoints, .. negatives[i]] }).ToArray());
        var result = (SegmentedObject[])first.Clone();
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if (Overlap(again[k], first, i) < Overlap(first[i], first, i)) result[i] = again[k] with { Prompt = prompts[i] };
        }
        return result;
    }

    private static long Overlap(SegmentedObject candidate, SegmentedObject[] all, int self)
    {
        long total = 0;
        for (int j = 0; j < all.Length; j++) if (j != self) total += candidate.Mask.IntersectionArea(all[j].Mask);
        return total;
    }

    private static void Add(Dictionary<int, List<(double, double)>> map, int key, (double, double) point)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(point);
    }
}
