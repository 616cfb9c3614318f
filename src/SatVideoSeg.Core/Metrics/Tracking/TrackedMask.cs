using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>One object of one frame as the evaluators see it: its track id and its mask.</summary>
/// <param name="TrackId">Track (object) id, unique within a frame of one side (ground truth or prediction).</param>
/// <param name="Mask">The object's mask in this frame (may be empty).</param>
public readonly record struct TrackedMask(int TrackId, BitMask Mask);
