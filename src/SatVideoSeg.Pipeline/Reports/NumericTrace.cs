namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// One numeric series as it streams in, in bounded memory: its <see cref="SeriesSummary"/> over
/// every value, and at most <c>maxPoints</c> points to plot (<see cref="ThinnedPoints{T}"/>).
/// Add frames in ascending order.
/// </summary>
public sealed class NumericTrace(int maxPoints = NumericTrace.DefaultMaxPoints)
{
    /// <summary>Points kept per series: a plot is ~250 px wide, so more would not show.</summary>
    public const int DefaultMaxPoints = 500;

    private readonly ThinnedPoints<double> _points = new(maxPoints);
    private int _count;
    private double _sum;
    private int _first = -1;
    private int _last = -1;
    private (int Frame, double Value) _min = (-1, double.NaN);
    private double _max = double.NaN;
    private int _nonPositive;
    private (int Frame, double Ratio)? _jump;
    private (int Frame, double Value) _previous = (-2, 0);

    /// <summary>Records the value of a 0-based frame.</summary>
    public void Add(int frame, double value)
    {
        if (_first < 0) _first = frame;
        _last = frame;
        _sum = _count == 0 ? value : _sum + value;
        _count++;
        // Compare as LINQ's MinBy does (NaN sorts below every number), keeping the first minimum.
        if (_min.Frame < 0 || value.CompareTo(_min.Value) < 0) _min = (frame, value);
        // As LINQ's Max: NaN sorts below every number, so it is the maximum only when all are NaN.
        if (_count == 1 || value > _max || double.IsNaN(_max)) _max = value;
        if (value <= 0) _nonPositive++;
        if (_jump is null && frame == _previous.Frame + 1 && _previous.Value > 0 && value > 0)
        {
            double ratio = value / _previous.Value;
            if (ratio > ReviewRules.AreaJump || ratio < 1 / ReviewRules.AreaJump) _jump = (frame, ratio);
        }
        _previous = (frame, value);
        _points.Add(frame, value);
    }

    /// <summary>The figures over every value so far.</summary>
    public SeriesSummary Summary() => new(_count, _sum, _first, _last, _min, _max, _nonPositive, _jump);

    /// <summary>The series so far under <paramref name="name"/>.</summary>
    public NumericSeries ToSeries(string name) => new(name, _points.ToArray()) { Stride = _points.Stride, Summary = Summary() };
}
