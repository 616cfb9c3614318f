using System.Diagnostics;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Video.Ffmpeg;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// `satvidseg bench throughput`: on one video with boxes, times (a) segment end to end,
/// (b) the same crops through ONNX Runtime alone, batched and one per call, and (c) our decoder
/// against FFmpeg's raw decode to /dev/null.
/// </summary>
public static class ThroughputBench
{
    /// <summary>Runs every measurement; <paramref name="scratch"/> receives the segment output.</summary>
    public static ThroughputResult Run(string video, string boxesFile, string? model, string scratch, int threads = 0)
    {
        double raw = FfmpegRawDecodeSeconds(video);
        double decode = DecodeSeconds(video);

        var clock = Stopwatch.StartNew();
        var report = SegmentJob.Run(new SegmentOptions(video, boxesFile, scratch, "sam", model) { Threads = threads });
        double endToEnd = clock.Elapsed.TotalSeconds;

        using var loaded = SamModel.Load(model ?? SegmenterFactory.DefaultModelFolder, threads);
        var defaults = SamOptions.FromManifest(loaded.Manifest);
        using var batched = new SamSegmenter(loaded, defaults, ownsModel: false);
        using var single = new SamSegmenter(loaded, defaults with { BatchSize = 1 }, ownsModel: false);
        var boxes = BoxFileReader.Read(boxesFile);
        // One untimed pass each first: a new ONNX Runtime session grows its memory arena and
        // plans each new input shape on its first calls.
        ModelOnlySeconds(video, boxes, batched);
        ModelOnlySeconds(video, boxes, single);
        double modelSeconds = ModelOnlySeconds(video, boxes, batched);
        double batch1Seconds = ModelOnlySeconds(video, boxes, single);
        return new ThroughputResult(batched.Name, report.Frames, report.ObjectFrames, endToEnd, modelSeconds, batch1Seconds, decode, raw, batched.EffectiveBatchSize);
    }

    // Crops are prepared outside the clock; only the encoder and decoder calls are timed.
    private static double ModelOnlySeconds(string video, BoxAnnotations boxes, SamSegmenter segmenter)
    {
        using var source = FrameSources.Open(video);
        long ticks = 0;
        foreach (var frame in source.ReadFrames())
        {
            var prompts = boxes.ForFrame(frame.Index)
                .Select(b => new ObjectPrompt(b.TrackId, b.Class, b.Box.ClipTo(frame.Width, frame.Height)))
                .ToArray();
            foreach (var batch in segmenter.PrepareCrops(frame, prompts).ToList())
            {
                long start = Stopwatch.GetTimestamp();
                segmenter.Infer(batch);
                ticks += Stopwatch.GetTimestamp() - start;
            }
        }
        return (double)ticks / Stopwatch.Frequency;
    }

    // Probing (ffprobe, a one-off ~0.2 s per file) is left out: this measures streaming throughput.
    private static double DecodeSeconds(string video)
    {
        using var source = FrameSources.Open(video);
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var frame in source.ReadFrames()) bytes += frame.Pixels.Length;
        return clock.Elapsed.TotalSeconds;
    }

    private static double FfmpegRawDecodeSeconds(string video)
    {
        var clock = Stopwatch.StartNew();
        FfmpegTools.Run("ffmpeg", ["-nostdin", "-v", "error", "-i", video, "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "bgr24", "-y", "/dev/null"], $"{video}: ffmpeg raw decode");
        return clock.Elapsed.TotalSeconds;
    }
}
