namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// What the report says about a numeric series, gathered over every value as it streams in (so
/// they hold whether or not the plotted points were thinned out): the facts next to a track and
/// the inputs of <see cref="ReviewRules"/>.
/// </summary>
/// <param name="Count">Values recorded.</param>
/// <param name="Sum">Their sum, added in frame order (the mean is Sum / Count, as LINQ's Average gives).</param>
/// <param name="FirstFrame">0-based frame of the first value (-1 when none).</param>
/// <param name="LastFrame">0-based frame of the last value (-1 when none).</param>
/// <param name="Min">The smallest value and its frame (the first such); (-1, NaN) when none.</param>
/// <param name="Max">The largest value (NaN when none): a plot's scale, kept points or not.</param>
/// <param name="NonPositive">Values at or below 0 (empty masks, for the area).</param>
/// <param name="FirstJump">
/// The first pair of neighbouring frames, both above 0, whose ratio is above
/// <see cref="ReviewRules.AreaJump"/> or below its inverse: the later frame and the ratio; null when none.
/// </param>
public sealed record SeriesSummary(int Count, double Sum, int FirstFrame, int LastFrame, (int Frame, double Value) Min, double Max, int NonPositive, (int Frame, double Ratio)? FirstJump)
{
    /// <summary>Sum / Count (NaN when none).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The summary of points given all at once (series built outside a <see cref="NumericTrace"/>).</summary>
    public static SeriesSummary Of(IEnumerable<(int Frame, double Value)> points)
    {
        var trace = new NumericTrace(int.MaxValue);
        foreach (var (f, v) in points) trace.Add(f, v);
        return trace.Summary();
    }
}
