using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Segmentation;

/// <summary>A frame with the prompts to segment in it.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Prompts">Its prompts (none: nothing to segment).</param>
public sealed record PromptedFrame(Frame Frame, IReadOnlyList<ObjectPrompt> Prompts);
