namespace SatVideoSeg.Pipeline.Segment;

/// <summary>Which way in time masks are propagated from the annotated boxes.</summary>
public enum Propagation
{
    /// <summary>From each track's first box onward (the frames before it get no masks).</summary>
    Forward,

    /// <summary>
    /// Backward only: each track from its last used box back to the first frame, every used box a
    /// new start (<see cref="BackwardPass"/>; frame folders only). The frames after a track's last used box get no masks.
    /// </summary>
    Backward,

    /// <summary>
    /// Forward, and backward from every used box (<see cref="BackwardPass"/>; frame folders only):
    /// each frame keeps the pass whose box is strictly nearer, and the frames before a track's first box get masks too.
    /// </summary>
    Both,
}
