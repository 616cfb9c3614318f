using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Core.Tracking;

/// <summary>The linker's pairwise cost: pure functions of a track and a detection.</summary>
public static class TrackSimilarity
{
    /// <summary>
    /// Similarity of a track's prediction with a measured box and mask, in [0, 1]:
    /// w · IoU(last mask shifted by the predicted motion, mask) + (1 - w) · IoU(predicted box, measured box);
    /// box IoU alone when either mask is missing or empty.
    /// </summary>
    public static double Similarity(MaskTrack track, BoxXyxy measured, BitMask mask, double maskWeight) =>
        Similarity(track, ShiftedLastMask(track), measured, mask, maskWeight);

    // The track's last mask moved by its predicted motion; null when it has none (box IoU only).
    private static BitMask? ShiftedLastMask(MaskTrack track) =>
        track.LastMask is { } last && !last.Rect.IsEmpty && !last.IsEmpty
            ? MaskMotion.Translate(last, track.Kalman.CenterX - track.LastCenter.X, track.Kalman.CenterY - track.LastCenter.Y)
            : null;

    private static double Similarity(MaskTrack track, BitMask? shifted, BoxXyxy measured, BitMask mask, double maskWeight)
    {
        double boxIoU = track.PredictedBox.IoU(measured);
        if (shifted is null || mask.Rect.IsEmpty || mask.IsEmpty) return boxIoU;
        return maskWeight * MaskIoU.Compute(shifted, mask) + (1 - maskWeight) * boxIoU;
    }

    /// <summary>
    /// The n x m cost matrix (1 - similarity) of tracks against (class, box, mask) detections;
    /// +infinity where classes differ (both known), or where the motion gate rejects the box.
    /// </summary>
    public static double[,] CostMatrix(
        IReadOnlyList<MaskTrack> tracks,
        IReadOnlyList<(ObjectClass Class, BoxXyxy Box, BitMask Mask)> detections,
        LinkerOptions options,
        KalmanBoxFilter filter)
    {
        var cost = new double[tracks.Count, detections.Count];
        for (int i = 0; i < tracks.Count; i++)
        {
            var t = tracks[i];
            // Once per track, not per pair: the shifted mask depends on the track alone.
            var shifted = ShiftedLastMask(t);
            for (int j = 0; j < detections.Count; j++)
            {
                var d = detections[j];
                if (t.Class != ObjectClass.Unknown && d.Class != ObjectClass.Unknown && t.Class != d.Class)
                {
                    cost[i, j] = double.PositiveInfinity;
                    continue;
                }
                double c = 1 - Similarity(t, shifted, d.Box, d.Mask, options.MaskWeight);
                if (c <= options.MaxCost && options.MotionGate && filter.GatingDistance(t.Kalman, d.Box, onlyPosition: true) > KalmanBoxFilter.ChiSquare95[2])
                    c = double.PositiveInfinity;
                cost[i, j] = c;
            }
        }
        return cost;
    }
}
