using System.CommandLine;
using SatVideoSeg.Pipeline.Bench;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg bench segment`: accuracy of segmenters on samples with exact ground truth.</summary>
public static class BenchCommand
{
    private const string Examples = """

        Examples:
          satvidseg bench segment --video videos/synth-sample/video.mp4 --gt videos/synth-sample/gt.mots.txt --isaid ../shared/data/real/isaid-P0003
          satvidseg bench segment --isaid ../shared/data/real/isaid-P0003 --segmenters box,grabcut
          satvidseg bench segment --isaid ../shared/data/real/isaid-P0003 --segmenters sam --prompt box,obb-enclosing,obb-points
        """;

    /// <summary>Builds `bench` with its `segment` subcommand.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var video = new Option<string?>("--video") { Description = "Video (or frame folder) with ground-truth masks in --gt." };
        var gt = new Option<string?>("--gt") { Description = "MOTS txt ground truth of --video (1-based frames)." };
        var isaid = new Option<string[]>("--isaid") { Description = "iSAID-style folders (instances.json + instance-id PNG); repeatable.", AllowMultipleArgumentsPerToken = true };
        var segmenters = new Option<string>("--segmenters") { Description = "Comma-separated segmenters to compare.", DefaultValueFactory = _ => "box,grabcut,sam-whole-frame,sam-x2,sam-x4,sam-x2-bilinear,sam-adaptive,sam-shift,sam-neg" };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder for the sam segmenters (default: the shipped model)." };
        var prompt = new Option<string>("--prompt") { Description = $"Comma-separated prompt kinds per object: {string.Join(", ", BenchPrompts.Names)} (obb-*: minimum-area rectangle of the true mask).", DefaultValueFactory = _ => "box" };
        var every = new Option<int>("--every") { Description = "Use every n-th frame of --video.", DefaultValueFactory = _ => 1 };

        var segment = new Command("segment", "Mean IoU and boundary IoU (per object and per-frame union) of segmenters prompted with ground-truth boxes." + Examples)
        {
            video, gt, isaid, segmenters, model, every, prompt,
        };
        segment.SetAction((parse, cancellationToken) =>
        {
            var results = new List<SegmentBenchResult>();
            int code = JobRunner.Run(console, errors, "bench", _ =>
            {
                var samples = new List<Func<BenchSample>>();
                string? v = parse.GetValue(video), g = parse.GetValue(gt);
                if (v is not null != g is not null) throw new JobException("--video and --gt go together");
                if (v is not null) samples.Add(() => BenchSamples.Video(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(v)))!, v, g!, parse.GetValue(every)));
                foreach (var folder in parse.GetValue(isaid) ?? []) samples.Add(() => BenchSamples.Isaid(folder));
                if (samples.Count == 0) throw new JobException("nothing to measure: give --video/--gt and/or --isaid");
                var prompts = parse.GetValue(prompt)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BenchPrompts.Parse).ToArray();
                foreach (var name in parse.GetValue(segmenters)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    using var segmenter = SegmenterFactory.Create(name, parse.GetValue(model));
                    foreach (var kind in prompts)
                        foreach (var sample in samples) results.Add(SegmentBench.Run(segmenter, sample(), kind, cancellationToken));
                }
            }, cancellationToken);
            // Plain aligned text: it stays readable in logs and narrow terminals, and pastes into docs.
            foreach (var line in ToLines(results)) console.WriteLine(line);
            return Task.FromResult(code);
        });
        return new Command("bench", "Measure accuracy and speed.") { segment, Throughput(console, errors), BenchModelCommand.Create(console, errors) };
    }

    private static Command Throughput(IAnsiConsole console, TextWriter errors)
    {
        var video = new Option<string>("--video") { Description = "Video to segment.", DefaultValueFactory = _ => "videos/synth-sample/video.mp4" };
        var boxes = new Option<string>("--boxes") { Description = "Its boxes.", DefaultValueFactory = _ => "videos/synth-sample/boxes.mot.txt" };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder (default: the shipped model)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "Where the model runs: cpu, cuda, cuda:N or auto (CUDA needs a build with -p:OnnxRuntimeGpu=true).", DefaultValueFactory = _ => "cpu" };
        var memory = new Option<string?>("--memory-frames") { Description = "Also measure (d): peak memory of segment on synthetic videos of these lengths, e.g. 100,1000 (each in a child process)." };
        var command = new Command("throughput", "Segment end to end vs the same crops through ONNX Runtime alone (batch 1, automatic, 16), decode vs FFmpeg raw, optionally peak memory by video length, and crops per model call with and without cross-frame batching.\n\nExample:\n  satvidseg bench throughput --video videos/synth-sample/video.mp4 --boxes videos/synth-sample/boxes.mot.txt --memory-frames 100,1000")
        {
            video, boxes, model, threads, device, memory,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            ThroughputResult? r = null;
            string scratch = Path.Combine(Path.GetTempPath(), "satvidseg-bench-" + Guid.NewGuid().ToString("N")[..8]);
            int code = JobRunner.Run(console, errors, "throughput", _ =>
            {
                var frameCounts = ParseFrameCounts(parse.GetValue(memory));
                r = ThroughputBench.Run(parse.GetValue(video)!, parse.GetValue(boxes)!, parse.GetValue(model), scratch, parse.GetValue(threads),
                    frameCounts is null ? null : (frameCounts, SelfCommand()), cancellationToken, parse.GetValue(device)!);
            }, cancellationToken);
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            if (r is null) return Task.FromResult(code);
            console.Write(ThroughputTable(r));
            return Task.FromResult(code);
        });
        return command;
    }

    private static Table ThroughputTable(ThroughputResult r)
    {
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("segmenter", Markup.Escape(r.Segmenter));
        table.AddRow("frames / object-frames", $"{r.Frames} / {r.ObjectFrames}");
        table.AddRow("(a) end to end", $"{r.EndToEndSeconds:0.00} s = {r.EndToEndRate:0.0} object-frames/s");
        table.AddRow("    stages (run.json)", string.Join(", ", r.StageSeconds.Select(kv => $"{kv.Key} {kv.Value:0.00}")));
        table.AddRow($"(b) ONNX Runtime alone, batch {r.ChosenBatchSize} (automatic)", $"{r.ModelSeconds:0.00} s; end-to-end / model = {r.OverheadRatio:0.00}x");
        table.AddRow("(c) decode vs ffmpeg raw", $"{r.DecodeSeconds:0.00} s vs {r.FfmpegRawSeconds:0.00} s = {r.DecodeFraction:0.00}x of FFmpeg");
        if (r.PeakMemoryMBByFrames.Count > 0)
            table.AddRow("(d) peak memory by frames", string.Join(", ", r.PeakMemoryMBByFrames.Select(kv => $"{kv.Key}: {kv.Value:0.0} MB")));
        table.AddRow("(e) model alone by batch size", string.Join(", ", r.ModelSecondsByBatch.Select(kv => $"{kv.Key}: {kv.Value:0.00} s")));
        table.AddRow("    batch 1 vs automatic", $"{r.BatchSpeedup:0.00}x faster automatic");
        if (r is { Calls: { } across, PerFrameCalls: { } alone })
        {
            table.AddRow("(f) crops per model call, (a) as run", Markup.Escape(across.ToString()));
            table.AddRow("    segment --per-frame-batches", Markup.Escape(alone.ToString()));
            if (across.ModelSeconds > 0) table.AddRow("    per frame vs as run", $"model {alone.ModelSeconds / across.ModelSeconds:0.00}x, end to end {alone.EndToEndSeconds / across.EndToEndSeconds:0.00}x the time");
        }
        return table;
    }

    // "100,1000" -> [100, 1000]; null when not asked for.
    private static int[]? ParseFrameCounts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return text.Split(',').Select(t => int.TryParse(t, out int n) && n > 0 ? n
            : throw new JobException($"--memory-frames '{text}': give positive frame counts separated by commas, e.g. 100,1000")).ToArray();
    }

    // How to start this same CLI in a child process: the apphost alone, or `dotnet satvidseg.dll`.
    private static string[] SelfCommand()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(BenchCommand).Assembly.Location] : [host];
    }

    private static IEnumerable<string> ToLines(IReadOnlyList<SegmentBenchResult> results)
    {
        if (results.Count == 0) yield break;
        int sampleWidth = Math.Max(6, results.Max(r => r.Sample.Length));
        int nameWidth = Math.Max(9, results.Max(r => r.Segmenter.Length));
        yield return $"{"sample".PadRight(sampleWidth)}  {"segmenter".PadRight(nameWidth)}  objects  IoU-obj  BIoU-obj  IoU-union  BIoU-union      s";
        foreach (var r in results)
            yield return $"{r.Sample.PadRight(sampleWidth)}  {r.Segmenter.PadRight(nameWidth)}  {r.Objects,7}  {r.MeanIoU,7:0.000}  {r.MeanBoundaryIoU,8:0.000}  {r.UnionIoU,9:0.000}  {r.UnionBoundaryIoU,10:0.000}  {r.Seconds,5:0.0}";
        foreach (var r in results)
            yield return $"{r.Sample} {r.Segmenter} per-class IoU: {string.Join(" ", r.MeanIoUByLabel.Select(kv => $"{kv.Key}={kv.Value:0.000}"))}";
    }
}
