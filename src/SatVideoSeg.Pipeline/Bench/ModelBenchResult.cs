namespace SatVideoSeg.Pipeline.Bench;

/// <summary>What `bench model` measured: one row per batch size.</summary>
/// <param name="Model">The model's name (model.json).</param>
/// <param name="Device">Where it ran ("cpu" where "auto" fell back).</param>
/// <param name="InputSize">Encoder input side, pixels: the synthetic crops' size.</param>
/// <param name="Rows">One per batch size, in the order asked for.</param>
/// <param name="Settings">I/O binding and CUDA options in words ("io-binding, conv heuristic, ...").</param>
/// <param name="TensorType">The model's tensor type (model.json: float32 or float16).</param>
public sealed record ModelBenchResult(string Model, string Device, int InputSize, IReadOnlyList<ModelBenchRow> Rows, string Settings = "", string TensorType = "float32")
{
    /// <summary>Crops per second of the largest batch over batch 1's; null without a batch-1 row.</summary>
    public double? BatchGain => Rows.FirstOrDefault(r => r.BatchSize == 1) is { } one && Rows.Count > 1
        ? Rows.Max(r => r.CropsPerSecond) / one.CropsPerSecond
        : null;
}
