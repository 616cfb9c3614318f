namespace SatVideoSeg.Pipeline.Reports;

/// <summary>A numeric signal of one track over time: one value per frame where the track exists.</summary>
/// <param name="Name">What is measured (see <see cref="SeriesNames"/>).</param>
/// <param name="Points">(0-based frame, value), ascending frames.</param>
public sealed record NumericSeries(string Name, IReadOnlyList<(int Frame, double Value)> Points);
