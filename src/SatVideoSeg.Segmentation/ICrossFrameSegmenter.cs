using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Segmentation;

/// <summary>
/// A segmenter whose model calls can take the crops of several consecutive frames at once: a GPU
/// is mostly idle on one frame's dozen crops, and busy on a few hundred.
/// </summary>
public interface ICrossFrameSegmenter : ISegmenter
{
    /// <summary>
    /// True when <see cref="SegmentFrames"/> shares model calls between frames with these settings:
    /// each prompt's mask depends on nothing but its frame and its box and points (no mask fed back
    /// from the track's previous frame to an annotated prompt), so masks are those of
    /// <see cref="ISegmenter.Segment"/> frame by frame. Where false, it segments frame by frame.
    /// </summary>
    bool BatchesAcrossFrames { get; }

    /// <summary>
    /// Segments the prompts of consecutive frames: crops of several frames go through the model in
    /// one call, up to the batch size. Frames are read from <paramref name="frames"/> only as needed
    /// to fill a call and while <paramref name="ahead"/> admits them; each frame is returned, in
    /// input order, as soon as its last crop has been through the model, with the objects that
    /// <see cref="ISegmenter.Segment"/> gives for it (one per prompt, in prompt order).
    /// </summary>
    IEnumerable<(PromptedFrame Input, IReadOnlyList<SegmentedObject> Objects)> SegmentFrames(IEnumerable<PromptedFrame> frames, LookAhead ahead, CancellationToken cancellationToken = default);
}
