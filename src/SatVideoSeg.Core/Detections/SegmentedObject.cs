using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Detections;

/// <summary>One object's segmentation in one frame.</summary>
/// <param name="Prompt">The prompt that produced it.</param>
/// <param name="Mask">The mask, stored cropped to its box.</param>
/// <param name="PredictedIoU">The segmenter's own estimate of the mask's IoU (1 for the box baseline).</param>
/// <param name="Stability">Stability score (IoU of the mask at thresholds +-1 logit; 1 where not defined).</param>
public sealed record SegmentedObject(ObjectPrompt Prompt, BitMask Mask, double PredictedIoU, double Stability)
{
    /// <summary>The object's track id.</summary>
    public int TrackId => Prompt.TrackId;

    /// <summary>Segmenter-owned state to carry to this track's next prompt (<see cref="ObjectPrompt.Memory"/>); null when none.</summary>
    public MaskLogits? Memory { get; init; }
}
