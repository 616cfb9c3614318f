namespace SatVideoSeg.Pipeline.Reports;

/// <summary>A categorical signal of one track over time (e.g. the prompt source).</summary>
/// <param name="Name">What is recorded (see <see cref="SeriesNames"/>).</param>
/// <param name="Points">
/// (0-based frame, category), ascending frames: every frame's, or for a long track every
/// <see cref="Stride"/>-th frame's (see <see cref="CategoricalTrace"/>).
/// </param>
public sealed record CategoricalSeries(string Name, IReadOnlyList<(int Frame, string Value)> Points)
{
    /// <summary>Frames between the points kept (1 = every frame).</summary>
    public int Stride { get; init; } = 1;

    /// <summary>How many frames had each category, over every frame recorded (kept or not).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } =
        Points.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Frames recorded (kept or not).</summary>
    public int Count => Counts.Values.Sum();
}
