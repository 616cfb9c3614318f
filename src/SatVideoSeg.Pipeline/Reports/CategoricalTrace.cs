namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// One categorical series as it streams in, in bounded memory: a count per category over every
/// frame, and at most <c>maxPoints</c> points to draw, thinned as <see cref="NumericTrace"/> thins
/// its points. Add frames in ascending order.
/// </summary>
public sealed class CategoricalTrace(int maxPoints = NumericTrace.DefaultMaxPoints)
{
    private readonly List<(int Frame, string Value)> _points = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _stride = 1;

    /// <summary>Records the category of a 0-based frame.</summary>
    public void Add(int frame, string value)
    {
        _counts[value] = _counts.GetValueOrDefault(value) + 1;
        if (frame % _stride != 0) return;
        _points.Add((frame, value));
        if (_points.Count <= maxPoints) return;
        _stride *= 2;
        _points.RemoveAll(p => p.Frame % _stride != 0);
    }

    /// <summary>The series so far under <paramref name="name"/>.</summary>
    public CategoricalSeries ToSeries(string name) =>
        new(name, _points.ToArray()) { Stride = _stride, Counts = new Dictionary<string, int>(_counts, StringComparer.Ordinal) };
}
