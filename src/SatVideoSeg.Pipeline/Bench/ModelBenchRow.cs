namespace SatVideoSeg.Pipeline.Bench;

/// <summary>One batch size of `bench model`: seconds per crop of the encoder and decoder calls, and crops per second through both.</summary>
/// <param name="BatchSize">Crops per encoder and decoder call.</param>
/// <param name="Calls">Timed calls of each (after one untimed warm-up call).</param>
/// <param name="EncoderSecondsPerCrop">Encoder wall time per crop, seconds (input copy included).</param>
/// <param name="DecoderSecondsPerCrop">Decoder wall time per crop, seconds (outputs copied to managed memory included).</param>
public sealed record ModelBenchRow(int BatchSize, int Calls, double EncoderSecondsPerCrop, double DecoderSecondsPerCrop)
{
    /// <summary>Crops per second through encoder and decoder together.</summary>
    public double CropsPerSecond => 1.0 / (EncoderSecondsPerCrop + DecoderSecondsPerCrop);
}
