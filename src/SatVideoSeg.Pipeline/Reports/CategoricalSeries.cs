namespace SatVideoSeg.Pipeline.Reports;

/// <summary>A categorical signal of one track over time (e.g. the prompt source).</summary>
/// <param name="Name">What is recorded (see <see cref="SeriesNames"/>).</param>
/// <param name="Points">(0-based frame, category), ascending frames.</param>
public sealed record CategoricalSeries(string Name, IReadOnlyList<(int Frame, string Value)> Points);
