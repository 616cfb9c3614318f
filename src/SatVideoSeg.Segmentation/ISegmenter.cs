using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Segmentation;

/// <summary>
/// Segments the objects of one frame from their prompts. Implementations return one result per
/// prompt, in prompt order; masks may overlap (the caller resolves overlaps).
/// </summary>
public interface ISegmenter : IDisposable
{
    /// <summary>Short name written to run.json ("box", "grabcut", "sam:sat-unet").</summary>
    string Name { get; }

    /// <summary>Segments every prompt of a frame.</summary>
    IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default);
}
