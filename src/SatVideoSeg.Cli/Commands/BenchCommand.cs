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
        """;

    /// <summary>Builds `bench` with its `segment` subcommand.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var video = new Option<string?>("--video") { Description = "Video (or frame folder) with ground-truth masks in --gt." };
        var gt = new Option<string?>("--gt") { Description = "MOTS txt ground truth of --video (1-based frames)." };
        var isaid = new Option<string[]>("--isaid") { Description = "iSAID-style folders (instances.json + instance-id PNG); repeatable.", AllowMultipleArgumentsPerToken = true };
        var segmenters = new Option<string>("--segmenters") { Description = "Comma-separated segmenters to compare.", DefaultValueFactory = _ => "box,grabcut,sam-whole-frame,sam-x2,sam-x4,sam-x2-bilinear,sam-adaptive,sam-neg" };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder for the sam segmenters (default: the shipped model)." };
        var every = new Option<int>("--every") { Description = "Use every n-th frame of --video.", DefaultValueFactory = _ => 1 };

        var segment = new Command("segment", "Mean IoU and boundary IoU (per object and per-frame union) of segmenters prompted with ground-truth boxes." + Examples)
        {
            video, gt, isaid, segmenters, model, every,
        };
        segment.SetAction(parse =>
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
                foreach (var name in parse.GetValue(segmenters)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    using var segmenter = SegmenterFactory.Create(name, parse.GetValue(model));
                    foreach (var sample in samples) results.Add(SegmentBench.Run(segmenter, sample()));
                }
            });
            if (results.Count > 0)
            {
                console.Write(ToTable(results));
                foreach (var r in results)
                    console.WriteLine($"{r.Sample} {r.Segmenter} per-class IoU: {string.Join(" ", r.MeanIoUByLabel.Select(kv => $"{kv.Key}={kv.Value:0.000}"))}");
            }
            return code;
        });
        return new Command("bench", "Measure accuracy and speed.") { segment };
    }

    private static Table ToTable(IEnumerable<SegmentBenchResult> results)
    {
        var table = new Table().AddColumns("sample", "segmenter", "objects", "IoU obj", "BIoU obj", "IoU union", "BIoU union", "s");
        foreach (var r in results)
        {
            table.AddRow(r.Sample, r.Segmenter, r.Objects.ToString(), $"{r.MeanIoU:0.000}", $"{r.MeanBoundaryIoU:0.000}", $"{r.UnionIoU:0.000}", $"{r.UnionBoundaryIoU:0.000}", $"{r.Seconds:0.0}");
        }
        return table;
    }
}
