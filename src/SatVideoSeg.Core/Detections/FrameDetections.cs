namespace SatVideoSeg.Core.Detections;

/// <summary>
/// The per-frame container every stage consumes and returns: the frame's index (0-based) and size
/// and its segmented objects, in prompt order.
/// </summary>
public sealed record FrameDetections(int FrameIndex, int Width, int Height, IReadOnlyList<SegmentedObject> Objects)
{
    /// <summary>
    /// Ids of the tracks lost after this frame: alive (re-linkable) but without a mask in it. Read
    /// from the linker when the frame was linked, so the stages after it need not reach back into
    /// a linker that has moved on to later frames.
    /// </summary>
    public IReadOnlyList<int> LostTrackIds { get; init; } = [];
}
