namespace SatVideoSeg.Pipeline.Bench;

/// <summary>Speed of the segment pipeline against its parts, measured in one run on the same inputs.</summary>
/// <param name="Segmenter">The segmenter measured.</param>
/// <param name="Frames">Frames of the input.</param>
/// <param name="ObjectFrames">Object-frames segmented.</param>
/// <param name="EndToEndSeconds">`segment` wall time (decode, segment, write, overlay).</param>
/// <param name="ModelSeconds">The same crops through ONNX Runtime alone (encoder + decoder calls).</param>
/// <param name="Batch1ModelSeconds">The same with one crop per call.</param>
/// <param name="DecodeSeconds">Our decoder reading every frame (after the one-off ffprobe call).</param>
/// <param name="FfmpegRawSeconds">`ffmpeg -f rawvideo -pix_fmt bgr24` to /dev/null on the same file.</param>
/// <param name="BatchSize">Crops per call in the batched runs.</param>
public sealed record ThroughputResult(
    string Segmenter, int Frames, int ObjectFrames, double EndToEndSeconds, double ModelSeconds, double Batch1ModelSeconds,
    double DecodeSeconds, double FfmpegRawSeconds, int BatchSize)
{
    /// <summary>Object-frames per second end to end.</summary>
    public double EndToEndRate => ObjectFrames / EndToEndSeconds;

    /// <summary>End-to-end time over model time (1.0 = the pipeline costs nothing beyond the model).</summary>
    public double OverheadRatio => EndToEndSeconds / ModelSeconds;

    /// <summary>Decode throughput as a fraction of FFmpeg's raw throughput.</summary>
    public double DecodeFraction => FfmpegRawSeconds / DecodeSeconds;

    /// <summary>Speed-up of batching over one crop per call.</summary>
    public double BatchSpeedup => Batch1ModelSeconds / ModelSeconds;
}
