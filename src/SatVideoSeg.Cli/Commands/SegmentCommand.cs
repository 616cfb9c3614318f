using System.CommandLine;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Video.Sources;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg segment`: one call of <see cref="SegmentJob.Run"/>.</summary>
public static class SegmentCommand
{
    private const string Examples = """

        Examples:
          satvidseg segment videos/synth-sample/video.mp4 --boxes videos/synth-sample/boxes.mot.txt --out out/demo
          satvidseg segment ../shared/data/real/jilin1-car-0001/frames --boxes groundtruth.txt --segmenter grabcut --out out/car
          satvidseg segment videos/synth-sample/video.mp4 --boxes videos/synth-sample/boxes.mot.txt --boxes-every 5 --out out/every5
          satvidseg segment ../shared/data/real/jilin1-car-0001/frames --boxes groundtruth.txt --init-only --out out/car-init
        """;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var input = new Argument<string>("input") { Description = "Video file (anything FFmpeg reads), folder of frames (png/jpg/tif, natural order), or one image." };
        var boxes = new Option<string>("--boxes", "-b") { Description = "Per-frame boxes: MOT txt (frame,id,x,y,w,h,conf,class; 1-based frames) or SOT (x,y,w,h per frame; -1/NaN rows = no box).", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output folder for tracks.mots.txt, overlay.mp4, run.json and report.html.", Required = true };
        var segmenter = new Option<string>("--segmenter", "-s") { Description = $"Segmenter: {string.Join(", ", SegmenterFactory.Names)}.", DefaultValueFactory = _ => SegmenterFactory.DefaultName };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder with model.json (for the sam segmenter; default: the shipped model)." };
        var device = new Option<string>("--device") { Description = "Where the model runs: cpu, cuda, cuda:N or auto (CUDA needs a build with -p:OnnxRuntimeGpu=true).", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var batchSize = new Option<int>("--batch-size") { Description = "Object crops per model call (0 = measured on the first frames and chosen automatically).", DefaultValueFactory = _ => 0 };
        var boxFormat = new Option<BoxFileFormat>("--box-format") { Description = "Box file layout.", DefaultValueFactory = _ => BoxFileFormat.Auto };
        var fps = new Option<double>("--fps") { Description = "Frame rate of frame folders (videos carry their own).", DefaultValueFactory = _ => 10 };
        var sizePolicy = new Option<FrameSizePolicy>("--size-policy") { Description = "Frames of a folder that change size: AnchorTopLeft (cut or zero-pad to the first frame's size, keeping box coordinates) or Fail.", DefaultValueFactory = _ => FrameSizePolicy.AnchorTopLeft };
        var damagedFrames = new Option<DamagedFramePolicy>("--damaged-frames") { Description = "Frame files of a folder that are cut short (no JPEG end marker, no PNG IEND), or a video whose decoder reports damage: Fail (stop, naming file and frame), Skip (leave a folder's frame out) or Use (decode what is there); skipped and used frames are listed in run.json.", DefaultValueFactory = _ => DamagedFramePolicy.Fail };
        var frameBase = new Option<int>("--mots-frame-base") { Description = "First frame number in MOTS output: 1 (MOTSChallenge) or 0 (KITTI).", DefaultValueFactory = _ => 1 };
        var noOverlay = new Option<bool>("--no-overlay") { Description = "Skip overlay.mp4." };
        var boxesEvery = new Option<int>("--boxes-every") { Description = "Use each object's box on its first annotated frame and every K-th frame after; frames between are prompted with Kalman-predicted boxes.", DefaultValueFactory = _ => 1 };
        var initOnly = new Option<bool>("--init-only") { Description = "Use each object's first annotated box only; every later frame is prompted with its predicted box." };
        var propagate = new Option<Propagation>("--propagate") { Description = "Forward (from each object's first box on), Backward (each object from its last used box back to the first frame, re-anchored at every used box) or Both (forward, and back from every used box: each frame keeps the pass whose box is nearer; the frames before the first box get masks too); backward and both need a folder of frames.", DefaultValueFactory = _ => Propagation.Forward };
        var corrections = new Option<string>("--corrections") { Description = "A second box file (same format) with boxes for some frames of some objects: each replaces that box and is always used; run with the same --out, the frames before the first correction are replayed from the journal." };
        var noAppearance = new Option<bool>("--no-appearance") { Description = "Prompt tracks without a box at their Kalman prediction only, without looking for their appearance in the frame." };
        var ignoreIds = new Option<bool>("--ignore-ids") { Description = "Treat the boxes as detections without ids: the linker assigns track ids (implied for negative ids)." };
        var noResume = new Option<bool>("--no-resume") { Description = "Start afresh even if an interrupted run with the same inputs left a journal in --out." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip report.html." };
        var gpuMemLimit = new Option<int>("--gpu-mem-limit") { Description = "CUDA only: cap of ONNX Runtime's GPU memory arena in MiB (0 = no cap); the automatic batch size stops at the last size that fits.", DefaultValueFactory = _ => 0 };
        var perFrameBatches = new Option<bool>("--per-frame-batches") { Description = "Put only one frame's crops in a model call (with every box used, crops of consecutive frames share calls; masks are the same either way): for comparing speed." };
        var opacity = new Option<double>("--opacity") { Description = "Mask fill opacity in the overlay, 0-1.", DefaultValueFactory = _ => 0.45 };

        var command = new Command("segment", "Segment every prompted object of a video and write mask tracks, an overlay video and run.json." + Examples)
        {
            input, boxes, output, segmenter, model, device, threads, batchSize, boxFormat, fps, sizePolicy, damagedFrames, frameBase, boxesEvery, initOnly, propagate, corrections, noAppearance, ignoreIds, noOverlay, noReport, noResume, perFrameBatches, gpuMemLimit, opacity,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new SegmentOptions(parse.GetValue(input)!, parse.GetValue(boxes)!, parse.GetValue(output)!, parse.GetValue(segmenter)!, parse.GetValue(model))
            {
                Device = parse.GetValue(device)!,
                Threads = parse.GetValue(threads),
                BatchSize = parse.GetValue(batchSize),
                AcrossFrames = !parse.GetValue(perFrameBatches),
                GpuMemLimitMiB = parse.GetValue(gpuMemLimit),
                BoxFormat = parse.GetValue(boxFormat),
                Fps = parse.GetValue(fps),
                SizePolicy = parse.GetValue(sizePolicy),
                DamagedFrames = parse.GetValue(damagedFrames),
                MotsFrameBase = parse.GetValue(frameBase),
                BoxesEvery = parse.GetValue(boxesEvery),
                InitOnly = parse.GetValue(initOnly),
                Appearance = !parse.GetValue(noAppearance),
                Propagate = parse.GetValue(propagate),
                Corrections = parse.GetValue(corrections),
                IgnoreIds = parse.GetValue(ignoreIds),
                WriteOverlay = !parse.GetValue(noOverlay),
                WriteReport = !parse.GetValue(noReport),
                Resume = !parse.GetValue(noResume),
                Overlay = Video.Rendering.OverlayStyle.Default with { FillOpacity = parse.GetValue(opacity) },
            };
            SegmentReport? report = null;
            int code = JobRunner.Run(console, errors, "segment", progress => report = SegmentJob.Run(options, progress, cancellationToken), cancellationToken);
            if (report is not null)
            {
                string predicted = report.PredictedPrompts > 0 ? $" ({report.PredictedPrompts} from predicted boxes)" : "";
                if (report.DamagedFrames.Count > 0) console.MarkupLineInterpolated($"  [yellow]{report.DamagedFrames.Count} damaged frames {(options.DamagedFrames == DamagedFramePolicy.Skip ? "skipped" : "used")}[/] (see run.json)");
                if (report.ResumedFrames > 0) console.MarkupLineInterpolated($"resumed: {report.ResumedFrames} frames replayed from the interrupted run's journal");
                console.MarkupLineInterpolated($"[green]done[/]: {report.Frames} frames, {report.ObjectFrames} object-frames{predicted}, {report.Tracks} tracks with {report.Segmenter} -> {options.OutputDirectory}");
                if (report.IdMap is not null)
                    console.MarkupLineInterpolated($"  [yellow]track ids renumbered[/] in {SegmentJob.TracksFile}: MOTS holds 1..999 per class; {Datasets.Ids.TrackIdMap.FileName} maps original id -> written obj_id (render and eval read it back)");
                int lost = report.TrackQuality.Sum(q => q.LostFrames);
                if (lost > 0 || report.IdDisagreements.Count > 0)
                    console.MarkupLineInterpolated($"  [yellow]{lost} lost track-frames, {report.IdDisagreements.Count} id disagreements[/] (see run.json)");
                foreach (var (stage, seconds) in report.StageSeconds) console.MarkupLineInterpolated($"  {stage,-8} {seconds,8:0.000} s");
                if (report.Batching is { Calls: > 0 } b)
                    console.MarkupLineInterpolated($"  batches  {b.Calls} model calls, {b.MeanCropsPerCall:0.0} crops per call (batch {b.Size}{(b.Automatic ? ", automatic" : "")}, {(b.AcrossFrames ? "across frames" : "per frame")})");
                if (report.Batching?.OutOfMemory is { } oom) console.MarkupLineInterpolated($"  [yellow]{oom.Note}[/]");
            }
            return Task.FromResult(code);
        });
        return command;
    }
}
