namespace SatVideoSeg.Pipeline.Reports;

/// <summary>A numeric signal of one track over time: one value per frame where the track exists.</summary>
/// <param name="Name">What is measured (see <see cref="SeriesNames"/>).</param>
/// <param name="Points">
/// (0-based frame, value), ascending frames: every value, or for a long track every
/// <see cref="Stride"/>-th frame's (a plot is ~250 px wide; see <see cref="NumericTrace"/>).
/// </param>
public sealed record NumericSeries(string Name, IReadOnlyList<(int Frame, double Value)> Points)
{
    /// <summary>Frames between the points kept (1 = every frame); a longer step between two points is a gap in the track.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>Figures over every value recorded, whether its point was kept or not.</summary>
    public SeriesSummary Summary { get; init; } = SeriesSummary.Of(Points);
}
