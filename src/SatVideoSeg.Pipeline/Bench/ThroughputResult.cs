namespace SatVideoSeg.Pipeline.Bench;

/// <summary>Speed of the segment pipeline against its parts, measured in one run on the same inputs.</summary>
/// <param name="Segmenter">The segmenter measured.</param>
/// <param name="Frames">Frames of the input.</param>
/// <param name="ObjectFrames">Object-frames segmented.</param>
/// <param name="EndToEndSeconds">`segment` wall time (model loading, decode, segment, write, overlay, report).</param>
/// <param name="StageSeconds">The segment run's seconds per stage (run.json).</param>
/// <param name="ChosenBatchSize">Crops per call the segment run chose automatically.</param>
/// <param name="ModelSecondsByBatch">The same crops through ONNX Runtime alone (encoder + decoder calls), by crops per call.</param>
/// <param name="DecodeSeconds">Our decoder reading every frame (after the one-off ffprobe call).</param>
/// <param name="FfmpegRawSeconds">`ffmpeg -f rawvideo -pix_fmt bgr24` to /dev/null on the same file.</param>
/// <param name="PeakMemoryMBByFrames">Peak resident memory of `segment` on synthetic videos, by frame count (empty unless asked for).</param>
public sealed record ThroughputResult(
    string Segmenter, int Frames, int ObjectFrames, double EndToEndSeconds, IReadOnlyDictionary<string, double> StageSeconds,
    int ChosenBatchSize, IReadOnlyDictionary<int, double> ModelSecondsByBatch, double DecodeSeconds, double FfmpegRawSeconds,
    IReadOnlyDictionary<int, double> PeakMemoryMBByFrames)
{
    /// <summary>How full the model calls of the segment run (a) were.</summary>
    public SegmentCalls? Calls { get; init; }

    /// <summary>The same run with each frame's crops in calls of their own (`segment --per-frame-batches`).</summary>
    public SegmentCalls? PerFrameCalls { get; init; }

    /// <summary>Model time at the automatically chosen batch size.</summary>
    public double ModelSeconds => ModelSecondsByBatch[ChosenBatchSize];

    /// <summary>Object-frames per second end to end.</summary>
    public double EndToEndRate => ObjectFrames / EndToEndSeconds;

    /// <summary>End-to-end time over model time (1.0 = the pipeline costs nothing beyond the model).</summary>
    public double OverheadRatio => EndToEndSeconds / ModelSeconds;

    /// <summary>Decode throughput as a fraction of FFmpeg's raw throughput.</summary>
    public double DecodeFraction => FfmpegRawSeconds / DecodeSeconds;

    /// <summary>Speed-up of the automatic batch size over one crop per call.</summary>
    public double BatchSpeedup => ModelSecondsByBatch[1] / ModelSeconds;
}
