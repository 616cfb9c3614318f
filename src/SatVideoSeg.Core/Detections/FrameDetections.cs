namespace SatVideoSeg.Core.Detections;

/// <summary>
/// The per-frame container every stage consumes and returns: the frame's index (0-based) and size
/// and its segmented objects, in prompt order.
/// </summary>
public sealed record FrameDetections(int FrameIndex, int Width, int Height, IReadOnlyList<SegmentedObject> Objects);
