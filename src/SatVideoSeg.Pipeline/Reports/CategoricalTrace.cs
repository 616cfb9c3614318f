namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// One categorical series as it streams in, in bounded memory: a count per category over every
/// frame, and at most <c>maxPoints</c> points to draw (<see cref="ThinnedPoints{T}"/>). Add frames
/// in ascending order.
/// </summary>
public sealed class CategoricalTrace(int maxPoints = NumericTrace.DefaultMaxPoints)
{
    private readonly ThinnedPoints<string> _points = new(maxPoints);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records the category of a 0-based frame.</summary>
    public void Add(int frame, string value)
    {
        _counts[value] = _counts.GetValueOrDefault(value) + 1;
        _points.Add(frame, value);
    }

    /// <summary>The series so far under <paramref name="name"/>.</summary>
    public CategoricalSeries ToSeries(string name) =>
        new(name, _points.ToArray()) { Stride = _points.Stride, Counts = new Dictionary<string, int>(_counts, StringComparer.Ordinal) };
}
