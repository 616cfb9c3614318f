using SatVideoSeg.Core.Detections;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>Preprocessed crops of consecutive prompts of one frame, ready for the encoder.</summary>
/// <param name="Start">Index of the first prompt in the frame's prompt list.</param>
/// <param name="Prompts">The prompts.</param>
/// <param name="Windows">Each prompt's crop window in the frame.</param>
/// <param name="Images">The crops as [n,3,S,S] normalised input.</param>
/// <param name="Points">Each prompt's decoder points in encoder-input pixels.</param>
public sealed record CropBatch(int Start, IReadOnlyList<ObjectPrompt> Prompts, CropWindow[] Windows, Tensor Images, PromptPoints[] Points);
