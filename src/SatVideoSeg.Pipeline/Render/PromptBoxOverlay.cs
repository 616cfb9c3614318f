using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Boxes;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>
/// Gives masks read from a file the prompt boxes of an annotation file: an object with a box in
/// that frame gets it (drawn solid); an object without one keeps its mask's tight box, marked as
/// predicted (drawn dashed), since a segment run prompted it from a predicted box.
/// </summary>
public static class PromptBoxOverlay
{
    /// <summary>The detections with prompt boxes and sources from <paramref name="boxes"/>.</summary>
    public static FrameDetections Apply(FrameDetections detections, BoxAnnotations boxes)
    {
        var byId = boxes.ForFrame(detections.FrameIndex).ToDictionary(b => b.TrackId);
        var objects = detections.Objects.Select(o => byId.TryGetValue(o.TrackId, out var b)
            ? o with { Prompt = o.Prompt with { Box = b.Box.ClipTo(detections.Width, detections.Height), Source = PromptSource.Annotated } }
            : o with { Prompt = o.Prompt with { Source = PromptSource.Predicted } }).ToArray();
        return detections with { Objects = objects };
    }
}
