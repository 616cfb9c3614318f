using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Tracking;

/// <summary>One mask of a frame offered to <see cref="MaskTrackLinker.Update"/>.</summary>
/// <param name="Class">Object class (Unknown matches any class).</param>
/// <param name="PromptBox">The box the segmenter was prompted with, frame pixels.</param>
/// <param name="Mask">The mask it returned (may be empty).</param>
/// <param name="Source">
/// Annotated: the box is a measurement (annotation or detector). Predicted: the box is a track's
/// Kalman prediction, and the measurement is the box of the mask.
/// </param>
/// <param name="AnnotationId">The annotation's object id where the boxes carry ids; it wins over IoU linking.</param>
/// <param name="PromptTrackId">For predicted prompts: the track whose prediction it was.</param>
public sealed record LinkerDetection(ObjectClass Class, BoxXyxy PromptBox, BitMask Mask, PromptSource Source, int? AnnotationId = null, int? PromptTrackId = null)
{
    /// <summary>Segmenter state for this object's next prompt (see <see cref="ObjectPrompt.Memory"/>).</summary>
    public MaskLogits? Memory { get; init; }

    /// <summary>The segmenter's estimate of the mask's IoU (1 where it gives none).</summary>
    public double PredictedIoU { get; init; } = 1;

    /// <summary>For a predicted prompt: its appearance match score where one was measured (see <see cref="ObjectPrompt.AppearanceScore"/>).</summary>
    public double? AppearanceScore { get; init; }

    /// <summary>A detection from a segmented object: its prompt's source, id and memory carried over.</summary>
    public static LinkerDetection From(SegmentedObject o, bool promptIdsAreAnnotationIds) => new(
        o.Prompt.Class,
        o.Prompt.Box,
        o.Mask,
        o.Prompt.Source,
        o.Prompt.Source == PromptSource.Annotated && promptIdsAreAnnotationIds ? o.Prompt.TrackId : null,
        o.Prompt.Source == PromptSource.Predicted ? o.Prompt.TrackId : null)
    {
        Memory = o.Memory,
        PredictedIoU = o.PredictedIoU,
        AppearanceScore = o.Prompt.AppearanceScore,
    };
}
