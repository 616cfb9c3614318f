namespace SatVideoSeg.Core.Tracking;

/// <summary>Constants of <see cref="MaskTrackLinker"/>.</summary>
/// <param name="MaskWeight">
/// Weight of mask IoU in the similarity; the rest goes to box IoU with the Kalman prediction.
/// similarity = w · IoU(motion-shifted last mask, mask) + (1 - w) · IoU(predicted box, box); cost = 1 - similarity.
/// </param>
/// <param name="MaxCost">Gate: pairs costing more (similarity below 1 - MaxCost) are never linked.</param>
/// <param name="MaxOwnPromptCost">
/// Gate for a mask prompted by a track's own predicted box: it is kept when it costs at most this.
/// Looser than <paramref name="MaxCost"/> because the prompt already picked the object; only masks
/// that barely touch the prediction (the segmenter grabbed something else) are dropped.
/// </param>
/// <param name="MinHits">Matches an unannotated track needs before it is confirmed (annotated tracks start confirmed).</param>
/// <param name="LostBuffer">Frames a confirmed track stays lost (re-linkable) before it is removed.</param>
/// <param name="MotionGate">
/// Also gate on the Kalman filter's squared Mahalanobis distance of the box centre (2 dof) against
/// <see cref="KalmanBoxFilter.ChiSquare95"/>[2] = 5.9915; not applied to a track's own predicted prompt.
/// Off by default: with size-proportional noise the Kalman covariance of an 8-14 px car shrinks to
/// about a pixel, and after a few frames of predicted prompts the next annotated box (or a grabcut
/// mask jittering by 2 px) falls outside the 95 % ellipse although it plainly overlaps the track.
/// </param>
/// <param name="MeasureSizeFromMasks">
/// Whether a predicted prompt's mask measures the track's size as well as its centre. Off by
/// default: a segmenter that keeps its mask inside the prompt box (GrabCut, SAM mostly) cuts off the
/// part of a moving object beyond a trailing prompt, and the narrower mask would shrink the next
/// prompt until the track collapses; satellite objects barely change size, so annotated boxes alone
/// set it. Turn on for segmenters whose masks reliably cover the object (then sizes are scaled by
/// the learnt prompt/mask ratio and bounded by MaxSizeChange).
/// </param>
/// <param name="MaxSizeChange">
/// A predicted prompt's mask measures the track's size only within [1/x, x] of the last annotated
/// box's size. Without this bound a segmenter that returns most of a too-large prompt feeds the
/// size back into the next, larger prompt, and the prompt box runs away to the whole frame.
/// </param>
/// <param name="SizeGrowthPerFrame">
/// With <paramref name="MeasureSizeFromMasks"/>: how much a predicted prompt's mask may change the
/// track's size in one frame (a factor, and at least a pixel either way), so that a mask leaking
/// into background moves the size slowly (see <see cref="MaskBoxMeasurement"/>).
/// </param>
/// <param name="LostPredictedIoU">
/// A predicted prompt's mask whose predicted IoU is below this, and whose appearance score was
/// measured and is below <paramref name="LostAppearanceScore"/>, is dropped: its track misses the frame
/// and turns lost instead of following background; it is still prompted at its prediction, and
/// re-acquired when a mask passes again.
/// </param>
/// <param name="LostAppearanceScore">See <paramref name="LostPredictedIoU"/>.</param>
/// <param name="ClassSizeSlack">
/// An object at the frame's edge, entering or leaving, grows (and its measured box stays) at most
/// this times the longest side of any box of its class annotated wholly inside the frame so far.
/// Its own first box shows only a sliver, so nothing else bounds it: a 1 x 6 px car entering along
/// a road had its mask leak along the road to 78 px, frame after frame.
/// </param>
/// <param name="MinPromptScale">Smallest annotated-box / mask-box size ratio learnt per track.</param>
/// <param name="MaxPromptScale">Largest annotated-box / mask-box size ratio learnt per track.</param>
public sealed record LinkerOptions(
    double MaskWeight = 0.5,
    double MaxCost = 0.8,
    double MaxOwnPromptCost = 0.95,
    int MinHits = 2,
    int LostBuffer = 30,
    bool MotionGate = false,
    bool MeasureSizeFromMasks = false,
    double MaxSizeChange = 1.5,
    double SizeGrowthPerFrame = 1.1,
    double LostPredictedIoU = 0.5,
    double LostAppearanceScore = 0.5,
    double ClassSizeSlack = 1.25,
    double MinPromptScale = 0.5,
    double MaxPromptScale = 3.0)
{
    /// <summary>The constants above.</summary>
    public static LinkerOptions Default { get; } = new();
}
