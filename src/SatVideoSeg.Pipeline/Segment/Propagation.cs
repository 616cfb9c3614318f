namespace SatVideoSeg.Pipeline.Segment;

/// <summary>Which way in time masks are propagated from the annotated boxes.</summary>
public enum Propagation
{
    /// <summary>From each track's first box onward (the frames before it get no masks).</summary>
    Forward,

    /// <summary>Forward, and backward from each track's first box to the first frame (<see cref="BackwardPass"/>; frame folders only).</summary>
    Both,
}
