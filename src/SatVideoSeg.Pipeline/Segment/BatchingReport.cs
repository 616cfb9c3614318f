using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>The crop batch size a run used, for run.json.</summary>
/// <param name="Size">Crops per encoder/decoder call at the end of the run.</param>
/// <param name="Automatic">Whether it was measured and chosen (<see cref="BatchSizeTuner"/>) rather than given.</param>
/// <param name="MsPerObjectBySize">Model milliseconds per object measured for each size tried (automatic runs only).</param>
/// <param name="LimitedByMemory">Whether the automatic search stopped because a larger batch would not fit in memory.</param>
public sealed record BatchingReport(int Size, bool Automatic, IReadOnlyDictionary<string, double> MsPerObjectBySize, bool LimitedByMemory)
{
    /// <summary>What a sam segmenter used.</summary>
    public static BatchingReport Of(SamSegmenter sam) => new(
        sam.EffectiveBatchSize,
        sam.Options.BatchSize == 0,
        sam.Tuner.Measured.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value * 1000, 3)),
        sam.Tuner.LimitedByMemory);
}
