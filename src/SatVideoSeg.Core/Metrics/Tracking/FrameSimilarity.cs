using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>
/// What the tracking metrics (HOTA, CLEAR, Identity) need of one frame, as TrackEval's
/// <c>data['gt_ids'][t]</c>, <c>data['tracker_ids'][t]</c> and <c>data['similarity_scores'][t]</c>:
/// the ids present on each side and their pairwise similarity, kept sparse (only nonzero entries),
/// so that a whole sequence of frames stays small.
/// </summary>
public sealed class FrameSimilarity
{
    private FrameSimilarity(int[] gtIds, int[] trackerIds, SimilarityEntry[] entries)
    {
        GtIds = gtIds;
        TrackerIds = trackerIds;
        Entries = entries;
    }

    /// <summary>Ground-truth track ids present in the frame (distinct).</summary>
    public IReadOnlyList<int> GtIds { get; }

    /// <summary>Predicted track ids present in the frame (distinct).</summary>
    public IReadOnlyList<int> TrackerIds { get; }

    /// <summary>Nonzero similarities; every other pair is 0.</summary>
    public IReadOnlyList<SimilarityEntry> Entries { get; }

    /// <summary>
    /// Mask IoU of every ground-truth/predicted pair, as TrackEval computes it for MOTS with
    /// pycocotools' <c>mask.iou</c>: a pair where either mask is empty scores 0 (pycocotools rejects
    /// it on its empty bounding box), unlike <see cref="MaskIoU"/> where two empty masks score 1.
    /// </summary>
    public static FrameSimilarity Compute(IReadOnlyList<TrackedMask> gt, IReadOnlyList<TrackedMask> predicted)
    {
        var gtIds = DistinctIds(gt, "ground truth");
        var trIds = DistinctIds(predicted, "prediction");
        var gtArea = gt.Select(o => o.Mask.Area).ToArray();
        var trArea = predicted.Select(o => o.Mask.Area).ToArray();
        var entries = new List<SimilarityEntry>();
        for (int i = 0; i < gt.Count; i++)
        {
            if (gtArea[i] == 0) continue;
            for (int j = 0; j < predicted.Count; j++)
            {
                if (trArea[j] == 0 || gt[i].Mask.Rect.Intersect(predicted[j].Mask.Rect).IsEmpty) continue;
                long inter = gt[i].Mask.IntersectionArea(predicted[j].Mask);
                if (inter == 0) continue;
                entries.Add(new SimilarityEntry(i, j, (double)inter / (gtArea[i] + trArea[j] - inter)));
            }
        }
        return new FrameSimilarity(gtIds, trIds, [.. entries]);
    }

    /// <summary>A frame given by its ids and a dense similarity matrix (gt rows x predicted columns); zeros are dropped.</summary>
    public static FrameSimilarity FromMatrix(int[] gtIds, int[] trackerIds, double[,] similarity)
    {
        if (similarity.GetLength(0) != gtIds.Length || similarity.GetLength(1) != trackerIds.Length)
            throw new ArgumentException($"similarity matrix is {similarity.GetLength(0)}x{similarity.GetLength(1)}, expected {gtIds.Length}x{trackerIds.Length} (gt x predicted)");
        CheckDistinct(gtIds, "ground truth");
        CheckDistinct(trackerIds, "prediction");
        var entries = new List<SimilarityEntry>();
        for (int i = 0; i < gtIds.Length; i++)
            for (int j = 0; j < trackerIds.Length; j++)
            {
                double s = similarity[i, j];
                if (s < 0 || s > 1 || double.IsNaN(s)) throw new ArgumentException($"similarity [{i},{j}] = {s} lies outside [0, 1]");
                if (s > 0) entries.Add(new SimilarityEntry(i, j, s));
            }
        return new FrameSimilarity([.. gtIds], [.. trackerIds], [.. entries]);
    }

    /// <summary>The dense gt x predicted similarity matrix.</summary>
    public double[,] ToDense()
    {
        var m = new double[GtIds.Count, TrackerIds.Count];
        foreach (var e in Entries) m[e.Row, e.Col] = e.Value;
        return m;
    }

    private static int[] DistinctIds(IReadOnlyList<TrackedMask> objects, string side)
    {
        var ids = objects.Select(o => o.TrackId).ToArray();
        CheckDistinct(ids, side);
        return ids;
    }

    private static void CheckDistinct(int[] ids, string side)
    {
        var seen = new HashSet<int>();
        foreach (int id in ids)
            if (!seen.Add(id)) throw new ArgumentException($"{side} track id {id} appears twice in one frame");
    }
}
