namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// At most <c>maxPoints</c> points of a series that streams in, evenly spread: points are kept on
/// frames that are multiples of a stride that starts at 1 and doubles whenever they would pass the
/// bound (the points off the new stride are dropped), so a series of any length keeps between half
/// and all of the bound. Add frames in ascending order.
/// </summary>
public sealed class ThinnedPoints<T>(int maxPoints)
{
    private readonly List<(int Frame, T Value)> _points = [];

    /// <summary>Frames between kept points.</summary>
    public int Stride { get; private set; } = 1;

    /// <summary>Offers the value of a 0-based frame; it is kept when the frame is on the stride.</summary>
    public void Add(int frame, T value)
    {
        if (frame % Stride != 0) return;
        _points.Add((frame, value));
        if (_points.Count <= maxPoints) return;
        Stride *= 2;
        _points.RemoveAll(p => p.Frame % Stride != 0);
    }

    /// <summary>The points kept so far, in frame order.</summary>
    public (int Frame, T Value)[] ToArray() => _points.ToArray();
}
