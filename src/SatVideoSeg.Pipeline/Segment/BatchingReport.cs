using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>The crop batch size a run used, for run.json.</summary>
/// <param name="Size">Crops per encoder/decoder call at the end of the run.</param>
/// <param name="Automatic">Whether it was measured and chosen (<see cref="BatchSizeTuner"/>) rather than given.</param>
/// <param name="MsPerObjectBySize">Model milliseconds per object measured for each size tried (automatic runs only).</param>
/// <param name="LimitedByMemory">Whether the automatic search stopped because a larger batch would not fit in memory (projected, or a call that ran out of it).</param>
/// <param name="AcrossFrames">Whether crops of consecutive frames shared model calls (cross-frame batching).</param>
/// <param name="Calls">Encoder + decoder calls of the run.</param>
/// <param name="MeanCropsPerCall">Crops per call on average: how full the calls were.</param>
/// <param name="OutOfMemory">The search's call that ran out of memory, where one did: its size, the size the search ended at, ONNX Runtime's reason.</param>
public sealed record BatchingReport(int Size, bool Automatic, IReadOnlyDictionary<string, double> MsPerObjectBySize, bool LimitedByMemory,
    bool AcrossFrames, int Calls, double MeanCropsPerCall, BatchOutOfMemory? OutOfMemory)
{
    /// <summary>What a sam segmenter used; <paramref name="acrossFrames"/>: whether the run batched across frames.</summary>
    public static BatchingReport Of(SamSegmenter sam, bool acrossFrames) => new(
        sam.EffectiveBatchSize,
        sam.Options.BatchSize == 0,
        sam.Tuner.Measured.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value * 1000, 3)),
        sam.Tuner.LimitedByMemory,
        acrossFrames && sam.BatchesAcrossFrames,
        sam.Calls.Calls,
        Math.Round(sam.Calls.Mean, 2),
        sam.Tuner.OutOfMemory);
}
