using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>How one `segment` run of bench throughput filled its model calls.</summary>
/// <param name="EndToEndSeconds">Wall time of the run.</param>
/// <param name="ModelSeconds">Its "model" stage (encoder + decoder calls).</param>
/// <param name="Calls">Encoder + decoder calls.</param>
/// <param name="MeanCropsPerCall">Crops per call on average.</param>
/// <param name="BatchSize">The batch size at the end of the run.</param>
public sealed record SegmentCalls(double EndToEndSeconds, double ModelSeconds, int Calls, double MeanCropsPerCall, int BatchSize)
{
    /// <summary>The calls of a finished run (none for a segmenter without a model).</summary>
    public static SegmentCalls Of(SegmentReport report, double endToEndSeconds) => new(
        endToEndSeconds, report.StageSeconds.GetValueOrDefault("model"), report.Batching?.Calls ?? 0, report.Batching?.MeanCropsPerCall ?? 0, report.Batching?.Size ?? 1);

    /// <summary>"6 calls of 214.0 crops (batch 256), model 2.10 s, end to end 5.30 s".</summary>
    public override string ToString() => $"{Calls} calls of {MeanCropsPerCall:0.0} crops (batch {BatchSize}), model {ModelSeconds:0.00} s, end to end {EndToEndSeconds:0.00} s";
}
