using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Core.Masks;

/// <summary>
/// Makes the masks of one frame disjoint, as MOTS requires (TrackEval rejects overlaps): a pixel
/// claimed by several objects goes to the one with the highest predicted IoU; ties go to the
/// smaller mask (a small object inside a big box is the likelier owner), then to the lower track id.
/// </summary>
public static class OverlapResolver
{
    /// <summary>Returns the objects with overlapping pixels removed from the losers, in input order.</summary>
    public static IReadOnlyList<SegmentedObject> Resolve(IReadOnlyList<SegmentedObject> objects)
    {
        var order = Enumerable.Range(0, objects.Count)
            .Select(i => (Index: i, Area: objects[i].Mask.Area))
            .OrderByDescending(t => objects[t.Index].PredictedIoU)
            .ThenBy(t => t.Area)
            .ThenBy(t => objects[t.Index].TrackId)
            .Select(t => t.Index)
            .ToArray();
        var result = objects.ToArray();
        for (int rank = 0; rank < order.Length; rank++)
        {
            var mask = result[order[rank]].Mask;
            for (int earlier = 0; earlier < rank; earlier++)
            {
                var winner = result[order[earlier]].Mask;
                if (!mask.Rect.Intersect(winner.Rect).IsEmpty && mask.IntersectionArea(winner) > 0)
                    mask = mask.Subtract(winner);
            }
            if (!ReferenceEquals(mask, result[order[rank]].Mask))
                result[order[rank]] = result[order[rank]] with { Mask = mask.Trim() };
        }
        return result;
    }
}
