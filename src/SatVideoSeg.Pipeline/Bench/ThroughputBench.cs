using System.Diagnostics;
using System.Text.Json;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Synth;
using SatVideoSeg.Video.Ffmpeg;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// `satvidseg bench throughput`: on one video with boxes, times (a) segment end to end,
/// (b) the same crops through ONNX Runtime alone at batch 1, the automatically chosen batch size
/// and 16, (c) our decoder against FFmpeg's raw decode to /dev/null, optionally (d) the peak
/// memory of segment runs on synthetic videos of several lengths, and (f) how full the model
/// calls of (a) were (crops per call) against a second segment run with per-frame batches: with
/// every box used, crops of consecutive frames share calls, which is what keeps a GPU busy.
/// </summary>
public static class ThroughputBench
{
    /// <summary>Runs every measurement; <paramref name="scratch"/> receives the segment outputs.</summary>
    /// <param name="video">Video to segment.</param>
    /// <param name="boxesFile">Its boxes.</param>
    /// <param name="model">Model folder (null = shipped model).</param>
    /// <param name="scratch">Folder for outputs (created).</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0 = one per core).</param>
    /// <param name="memory">Frame counts of synthetic videos to measure peak memory on, and the command line that runs `satvidseg` in a child process (peak memory is per process); null = skip (d).</param>
    /// <param name="cancellationToken">Stops the measurement at the next frame (a child process is killed; its outputs lie in <paramref name="scratch"/>).</param>
    /// <param name="device">Where the model runs: "cpu", "cuda", "cuda:N" or "auto", for every measurement.</param>
    public static ThroughputResult Run(string video, string boxesFile, string? model, string scratch, int threads = 0, (IReadOnlyList<int> FrameCounts, IReadOnlyList<string> Satvidseg)? memory = null, CancellationToken cancellationToken = default, string device = "cpu")
    {
        double raw = FfmpegRawDecodeSeconds(video);
        cancellationToken.ThrowIfCancellationRequested();
        double decode = DecodeSeconds(video, cancellationToken);

        var segment = new SegmentOptions(video, boxesFile, Path.Combine(scratch, "segment"), "sam", model) { Threads = threads, Device = device };
        var clock = Stopwatch.StartNew();
        var report = SegmentJob.Run(segment, cancellationToken: cancellationToken);
        double endToEnd = clock.Elapsed.TotalSeconds;
        int chosen = report.Batching?.Size ?? 1;
        clock.Restart();
        var perFrame = SegmentJob.Run(segment with { OutputDirectory = Path.Combine(scratch, "segment-per-frame"), AcrossFrames = false }, cancellationToken: cancellationToken);
        var calls = (SegmentCalls.Of(report, endToEnd), SegmentCalls.Of(perFrame, clock.Elapsed.TotalSeconds));

        using var loaded = SamModel.Load(model ?? SegmenterFactory.DefaultModelFolder, threads, ExecutionDevice.Parse(device));
        var defaults = SamOptions.FromManifest(loaded.Manifest);
        var boxes = BoxFileReader.Read(boxesFile);
        var modelSeconds = new SortedDictionary<int, double>();
        foreach (int size in new[] { 1, chosen, 16 }.Distinct())
        {
            using var segmenter = new SamSegmenter(loaded, defaults with { BatchSize = size }, ownsModel: false);
            // One untimed pass first: a new ONNX Runtime session grows its memory arena and plans
            // each new input shape on its first calls.
            ModelOnlySeconds(video, boxes, segmenter, cancellationToken);
            modelSeconds[size] = ModelOnlySeconds(video, boxes, segmenter, cancellationToken);
        }

        var peakMemory = memory is { } m ? PeakMemoryMB(m.FrameCounts, m.Satvidseg, model, threads, device, scratch, cancellationToken) : new SortedDictionary<int, double>();
        return new ThroughputResult(report.Segmenter, report.Frames, report.ObjectFrames, endToEnd, report.StageSeconds, chosen, modelSeconds, decode, raw, peakMemory)
            { Calls = calls.Item1, PerFrameCalls = calls.Item2 };
    }

    // Crops are prepared outside the clock; only the encoder and decoder calls are timed.
    private static double ModelOnlySeconds(string video, BoxAnnotations boxes, SamSegmenter segmenter, CancellationToken cancellationToken)
    {
        using var source = FrameSources.Open(video);
        var plan = new PromptPlan(boxes, source.Info.Width, source.Info.Height);
        long ticks = 0;
        foreach (var frame in source.ReadFrames(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var batch in segmenter.PrepareCrops(frame, plan.ForFrame(frame.Index)).ToList())
            {
                long start = Stopwatch.GetTimestamp();
                segmenter.Infer(batch);
                ticks += Stopwatch.GetTimestamp() - start;
                batch.Dispose();
            }
            frame.Dispose();
        }
        return (double)ticks / Stopwatch.Frequency;
    }

    // Probing (ffprobe, a one-off ~0.2 s per file) is left out: this measures streaming throughput.
    private static double DecodeSeconds(string video, CancellationToken cancellationToken)
    {
        using var source = FrameSources.Open(video);
        var clock = Stopwatch.StartNew();
        foreach (var frame in source.ReadFrames(cancellationToken)) frame.Dispose();
        return clock.Elapsed.TotalSeconds;
    }

    private static double FfmpegRawDecodeSeconds(string video)
    {
        var clock = Stopwatch.StartNew();
        FfmpegTools.Run("ffmpeg", ["-nostdin", "-v", "error", "-i", video, "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "bgr24", "-y", "/dev/null"], $"{video}: ffmpeg raw decode");
        return clock.Elapsed.TotalSeconds;
    }

    // Peak resident memory is a per-process high-water mark, so each length runs `segment` in a
    // child process of its own and reports the peakMemoryMB of its run.json.
    private static SortedDictionary<int, double> PeakMemoryMB(IReadOnlyList<int> frameCounts, IReadOnlyList<string> satvidseg, string? model, int threads, string device, string scratch, CancellationToken cancellationToken)
    {
        var peaks = new SortedDictionary<int, double>();
        foreach (int frames in frameCounts)
        {
            string synth = Path.Combine(scratch, $"synth-{frames}");
            SynthJob.Run(new SynthOptions { FrameCount = frames }, synth, cancellationToken: cancellationToken);
            string output = Path.Combine(scratch, $"segment-{frames}");
            string[] arguments =
            [
                .. satvidseg.Skip(1), "segment", Path.Combine(synth, "video.mp4"), "--boxes", Path.Combine(synth, "boxes.mot.txt"),
                "--out", output, "--threads", threads.ToString(), "--device", device, .. model is null ? Array.Empty<string>() : ["--model", model],
            ];
            FfmpegTools.Run(satvidseg[0], arguments, $"segment of the {frames}-frame synthetic video", cancellationToken);
            using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, SegmentJob.ReportFile)));
            peaks[frames] = runJson.RootElement.GetProperty("peakMemoryMB").GetDouble();
        }
        return peaks;
    }
}
