namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Which annotated boxes a run may use, to simulate sparse prompting on a fully annotated video:
/// every box (<see cref="All"/>), each object's first box and then every K-th frame after it
/// (<see cref="Every"/>), or each object's first box only (<see cref="InitOnly"/>). Frames between
/// are prompted with the tracks' Kalman-predicted boxes. Where boxes carry no ids, "each object"
/// is the whole file: its first annotated frame and every K-th frame after it.
/// </summary>
public sealed record BoxSchedule
{
    private readonly bool _asGiven;

    private BoxSchedule(int? every, bool asGiven = false)
    {
        Interval = every;
        _asGiven = asGiven;
    }

    /// <summary>Frames between used boxes; null for the first box only.</summary>
    public int? Interval { get; }

    /// <summary>True when every annotated box is used (nothing is predicted).</summary>
    public bool IsDense => Interval == 1;

    /// <summary>Every box.</summary>
    public static BoxSchedule All { get; } = new(1);

    /// <summary>Each object's first box only.</summary>
    public static BoxSchedule InitOnly { get; } = new((int?)null);

    /// <summary>
    /// Every box of a list that another schedule already thinned (the reversed run of a backward
    /// pass): each box is used, and the frames without one are predicted, not taken as the object's absence.
    /// </summary>
    public static BoxSchedule AsGiven { get; } = new(null, asGiven: true);

    /// <summary>Each object's first box, then its boxes on every <paramref name="k"/>-th frame after it.</summary>
    public static BoxSchedule Every(int k) =>
        k >= 1 ? (k == 1 ? All : new BoxSchedule(k)) : throw new ArgumentOutOfRangeException(nameof(k), k, "--boxes-every must be at least 1");

    /// <summary>Whether an object first annotated in <paramref name="firstFrame"/> uses its box in <paramref name="frameIndex"/> (0-based).</summary>
    public bool Uses(int firstFrame, int frameIndex) =>
        frameIndex >= firstFrame && (_asGiven || (Interval is int k ? (frameIndex - firstFrame) % k == 0 : frameIndex == firstFrame));

    /// <inheritdoc />
    public override string ToString() => _asGiven ? "as given" : Interval switch { null => "init-only", 1 => "every frame", int k => $"every {k} frames" };
}
