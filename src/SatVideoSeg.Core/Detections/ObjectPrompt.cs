using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Detections;

/// <summary>
/// What a segmenter is asked to segment in one frame: a box (pixel-edge coordinates) with the
/// object's track id and class, plus optional extra points.
/// </summary>
/// <param name="TrackId">Track id (the annotation's id where there is one), 1-based; 0 for a box without an id, which the linker names.</param>
/// <param name="Class">Object class.</param>
/// <param name="Box">Prompt box in frame pixels.</param>
/// <param name="Source">Whether the box was annotated or predicted.</param>
public sealed record ObjectPrompt(int TrackId, ObjectClass Class, BoxXyxy Box, PromptSource Source = PromptSource.Annotated)
{
    /// <summary>Points that must lie outside the mask (e.g. neighbours' centres), frame pixels.</summary>
    public IReadOnlyList<(double X, double Y)> NegativePoints { get; init; } = [];

    /// <summary>Points that must lie inside the mask, frame pixels.</summary>
    public IReadOnlyList<(double X, double Y)> PositivePoints { get; init; } = [];

    /// <summary>
    /// The object's oriented box (OOTB / SAT-MTB annotations) when known; null otherwise. Segmenters
    /// prompt with <see cref="Box"/> and the points; this keeps the rotation for prompt builders
    /// and for segmenters that rotate the crop.
    /// </summary>
    public OrientedBox? Oriented { get; init; }

    /// <summary>
    /// For a predicted prompt: how well the track's appearance matched where the prompt was placed
    /// (normalised cross-correlation, -1..1); null where nothing was matched.
    /// </summary>
    public double? AppearanceScore { get; init; }

    /// <summary>
    /// Segmenter-owned state from this track's previous mask (e.g. SAM's low-res logits, fed back as
    /// mask input), handed back through <see cref="SegmentedObject.Memory"/>; null when there is none.
    /// Segmenters that keep no state ignore it.
    /// </summary>
    public MaskLogits? Memory { get; init; }
}
