namespace SatVideoSeg.Core.Tracking;

/// <summary>Constants of <see cref="MaskTrackLinker"/>.</summary>
/// <param name="MaskWeight">
/// Weight of mask IoU in the similarity; the rest goes to box IoU with the Kalman prediction.
/// similarity = w · IoU(motion-shifted last mask, mask) + (1 - w) · IoU(predicted box, box); cost = 1 - similarity.
/// </param>
/// <param name="MaxCost">Gate: pairs costing more (similarity below 1 - MaxCost) are never linked.</param>
/// <param name="MinHits">Matches an unannotated track needs before it is confirmed (annotated tracks start confirmed).</param>
/// <param name="LostBuffer">Frames a confirmed track stays lost (re-linkable) before it is removed.</param>
/// <param name="MotionGate">
/// Also gate on the Kalman filter's squared Mahalanobis distance of the box centre (2 dof) against
/// <see cref="KalmanBoxFilter.ChiSquare95"/>[2] = 5.9915; not applied to a track's own predicted prompt.
/// </param>
/// <param name="MinPromptScale">Smallest annotated-box / mask-box size ratio learnt per track.</param>
/// <param name="MaxPromptScale">Largest annotated-box / mask-box size ratio learnt per track.</param>
public sealed record LinkerOptions(
    double MaskWeight = 0.5,
    double MaxCost = 0.8,
    int MinHits = 2,
    int LostBuffer = 30,
    bool MotionGate = true,
    double MinPromptScale = 0.5,
    double MaxPromptScale = 3.0)
{
    /// <summary>The constants above.</summary>
    public static LinkerOptions Default { get; } = new();
}
