using System.CommandLine;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Video.Sources;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg convert`: one call of <see cref="ConvertJob.Run"/>.</summary>
public static class ConvertCommand
{
    private const string Examples = """

        Examples:
          satvidseg convert /data/SAT-MTB --to mots,ytvis,davis --out out/satmtb-seg
          satvidseg convert /data/VISO --from viso --to ytvis --segmenter box --out out/viso-box
          satvidseg convert /data/SatSOT --to mots --shard 3/8 --out /shared/satsot-seg
        Re-running the same command resumes: finished sequences are skipped.
        """;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var root = new Argument<string>("root") { Description = "Benchmark folder (SAT-MTB, VISO, SatSOT/SV248S, OOTB or MOT layout)." };
        var from = new Option<string>("--from") { Description = $"Input layout: {string.Join(", ", BenchmarkReader.Names)}.", DefaultValueFactory = _ => "auto" };
        var to = new Option<string>("--to") { Description = "Output formats, comma-separated: mots, ytvis, davis.", DefaultValueFactory = _ => "mots,ytvis,davis" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (mots/, ytvis/, davis/, status/, report.json).", Required = true };
        var segmenter = new Option<string>("--segmenter", "-s") { Description = $"Segmenter: {string.Join(", ", SegmenterFactory.Names)}.", DefaultValueFactory = _ => SegmenterFactory.DefaultName };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder with model.json (sam segmenters; default: the shipped model)." };
        var device = new Option<string>("--device") { Description = "Where the model runs: cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var shard = new Option<string>("--shard") { Description = "i/N: convert only sequences k (name-sorted, 0-based) with k mod N = i.", DefaultValueFactory = _ => "0/1" };
        var frameBase = new Option<int>("--mots-frame-base") { Description = "First frame number in MOTS gt.txt: 1 (MOTSChallenge) or 0 (KITTI).", DefaultValueFactory = _ => 1 };
        var damagedFrames = new Option<DamagedFramePolicy>("--damaged-frames") { Description = "Frame files cut short (no JPEG end marker, no PNG IEND): Fail (stop, naming file and frame), Skip (no masks for the frame) or Use (decode what is there); listed in each sequence's status file.", DefaultValueFactory = _ => DamagedFramePolicy.Fail };
        var uncompressed = new Option<bool>("--uncompressed-rle") { Description = "Write YouTube-VIS RLE as count arrays instead of compressed strings." };

        var command = new Command("convert", "Convert a tracking benchmark (boxes) into video segmentation datasets (MOTS, YouTube-VIS, DAVIS), resumable and shardable." + Examples)
        {
            root, from, to, output, segmenter, model, device, threads, shard, frameBase, damagedFrames, uncompressed,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            ConvertReport? report = null;
            int code = JobRunner.Run(console, errors, "convert", progress =>
            {
                var options = new ConvertOptions(parse.GetValue(root)!, parse.GetValue(output)!, ConvertTargetNames.Parse(parse.GetValue(to)!))
                {
                    From = BenchmarkReader.Parse(parse.GetValue(from)!),
                    Segmenter = parse.GetValue(segmenter)!,
                    Model = parse.GetValue(model),
                    Device = parse.GetValue(device)!,
                    Threads = parse.GetValue(threads),
                    Shard = ShardSpec.Parse(parse.GetValue(shard)!),
                    MotsFrameBase = parse.GetValue(frameBase),
                    CompressedRle = !parse.GetValue(uncompressed),
                    DamagedFrames = parse.GetValue(damagedFrames),
                };
                report = ConvertJob.Run(options, new SequenceLog(console, progress), cancellationToken);
            }, cancellationToken);
            if (report is not null)
            {
                console.MarkupLineInterpolated($"[green]done[/]: {report.SequencesDone}/{report.Sequences} sequences ({report.Layout}), {report.Frames} frames, {report.Objects} objects, {report.ObjectFrames} masks, {report.Review.Count + report.ReviewLeftOut} to review -> {parse.GetValue(output)}");
                if (!report.Complete) console.MarkupLineInterpolated($"  {report.Pending.Count} sequences pending (other shards or an interrupted run)");
                if (report.IdMaps is { Count: > 0 } maps)
                    console.MarkupLineInterpolated($"  [yellow]ids renumbered[/] where MOTS/DAVIS cannot hold them: {maps.Count} ids.json maps (original id -> written id), e.g. {maps[0]}; render and eval read them back (see report.json idMaps)");
            }
            return Task.FromResult(code);
        });
        return command;
    }

    // Overall progress (sequences of this shard, frames of the current one) for the bar, and one line per finished or skipped sequence.
    private sealed class SequenceLog(IAnsiConsole console, IProgress<JobProgress> bar) : IProgress<ConvertProgress>
    {
        public void Report(ConvertProgress p)
        {
            const int scale = 1000;
            int done = (p.SequenceNumber - 1) * scale + (p.FramesTotal == 0 ? scale : p.FramesDone * scale / p.FramesTotal);
            bar.Report(new JobProgress("convert", done, p.SequenceCount * scale));
            if (p.State != SequenceState.Running)
                console.MarkupLineInterpolated($"[[{p.SequenceNumber}/{p.SequenceCount}]] {p.Sequence}: {p.FramesTotal} frames {(p.State == SequenceState.Skipped ? "(already done, skipped)" : "converted")}");
        }
    }
}
