namespace SatVideoSeg.Pipeline.Bench;

/// <summary>What `bench model` measured: one row per batch size.</summary>
/// <param name="Model">The model's name (model.json).</param>
/// <param name="Device">Where it ran ("cpu" where "auto" fell back).</param>
/// <param name="InputSize">Encoder input side, pixels: the synthetic crops' size.</param>
/// <param name="Rows">One per batch size, in the order asked for.</param>
public sealed record ModelBenchResult(string Model, string Device, int InputSize, IReadOnlyList<ModelBenchRow> Rows)
{
    /// <summary>Crops per second of the largest batch over batch 1's; null without a batch-1 row.</summary>
    public double? BatchGain => Rows.FirstOrDefault(r => r.BatchSize == 1) is { } one && Rows.Count > 1
        ? Rows.Max(r => r.CropsPerSecond) / one.CropsPerSecond
        : null;
}
