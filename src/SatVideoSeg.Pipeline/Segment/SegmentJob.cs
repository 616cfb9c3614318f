using System.Text.Json;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// `satvidseg segment`: prompts a segmenter with each frame's boxes (or, between sparse boxes,
/// with the tracks' Kalman-predicted boxes), links the masks into tracks (annotation ids win),
/// and writes tracks.mots.txt (with ids.json where MOTS cannot hold the track ids), overlay.mp4,
/// run.json and report.html. Outputs appear only when the whole run succeeds: all are staged and
/// published together once the last is complete (<see cref="StagedOutputs"/>); a failed or
/// cancelled run leaves none, but its journal lets the next identical run skip the frames already
/// segmented (<see cref="SegmentJournal"/>).
/// </summary>
public static class SegmentJob
{
    /// <summary>File name of the mask tracks.</summary>
    public const string TracksFile = "tracks.mots.txt";

    /// <summary>File name of the overlay video.</summary>
    public const string OverlayFile = "overlay.mp4";

    /// <summary>File name of the run report.</summary>
    public const string ReportFile = "run.json";

    /// <summary>Runs the job; errors in the inputs surface as <see cref="JobException"/> before anything is written.</summary>
    public static SegmentReport Run(SegmentOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A failed run's outputs are disposed (and so discarded) before the folder's clean-up; a
        // cancelled run's journal keeps the folder.
        return OutputFolder.Run(options.OutputDirectory, output => Run(options, output, progress, cancellationToken));
    }

    // Validate, build, run: the options and inputs are checked before anything is written; then
    // the journal, the two stages and the outputs they are staged into are built; then decode →
    // FrameSegmenter → RunWriter run concurrently, and the outputs are published together.
    private static SegmentReport Run(SegmentOptions options, OutputFolder output, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        Validate(options);
        var timer = new StageTimer();
        // The model loads while FFmpeg probes and decodes the first frames (0.2-0.4 s of a 6 s run on
        // the 90-frame sample); a broken model then fails the run at its first frame.
        using var segmenter = new BackgroundLoad<ISegmenter>(() => timer.Time("load", () =>
            SegmenterFactory.Create(options.Segmenter, options.Model, options.Threads, options.Device, options.BatchSize, timer,
                SessionSettings.Default with { GpuMemLimitBytes = (long)options.GpuMemLimitMiB << 20 }, predictedPrompts: !options.Schedule.IsDense)));
        using var source = Open(options);
        var inputs = SegmentInputs.Read(options, source.Info);
        var earlier = RunBackward(options, source, inputs, segmenter, cancellationToken);

        output.Create();
        using var journal = SegmentJournal.Open(options.OutputDirectory, SegmentJournalKey.For(options), options.Resume);
        var batching = CrossFrameBatching.ForSegment(options, inputs, journal, timer);
        var frameSegmenter = new FrameSegmenter(inputs.Prompter, inputs.Appearance, journal, () => segmenter.Value, earlier,
            options.Propagate != Propagation.Backward, timer, batching);
        // Declared before the writer, so disposed after it: a failed run's staged files go last.
        using var staged = new StagedOutputs(ownsDestinations: true); // the folder's lock
        using var writer = new RunWriter(options, source.Info, staged, inputs.MotsIds, timer, progress);

        // Segmenting and linking stay in frame order on one thread (each frame's prompts depend on
        // the previous frame's links; with every box used, the model reads frames ahead, but linking
        // still goes frame by frame); decoding and writing overlap with them.
        var pipeline = new FramePipeline<(Frame Frame, FrameDetections Detections)>(timer);
        try
        {
            pipeline.Run(VideoErrors.AsJobErrors(source.ReadFrames(cancellationToken)),
                decoded => frameSegmenter.ProcessAll(decoded, cancellationToken),
                result => writer.Write(result.Frame, result.Detections),
                cancellationToken);
            // A folder's length was checked before the run (its skipped damaged frames still count); a
            // video whose container gave no frame count, or fewer frames than it said, is checked here.
            if (source is not ImageSequenceSource) inputs.CheckBoxesWithinFrames(source.Info.Path, writer.Frames);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IOException))
        {
            // Only an interrupted run is worth resuming; a re-run would meet this failure again. An
            // output that could not be written (IOException: a full disk) is worth it: once there is
            // room, the re-run resumes.
            journal.Delete();
            throw;
        }
        writer.Complete();
        return Publish(options, Summarise(options, segmenter.Value, source, inputs, frameSegmenter, batching is not null, writer, timer, pipeline.QueueDepths()), staged, writer);
    }

    // Stages ids.json (where ids were renumbered), run.json and report.html beside the writer's
    // files, then publishes them all together.
    private static SegmentReport Publish(SegmentOptions options, SegmentReport report, StagedOutputs staged, RunWriter writer)
    {
        report = report with { IdMap = writer.MotsIds.SaveMap(() => staged.Stage(Path.Combine(options.OutputDirectory, Datasets.Ids.TrackIdMap.FileName))) };
        string? page = options.WriteReport ? SegmentReportPage.Render(report, writer.Recorder, writer.OverlayPath) : null;
        // Sampled last, with the page (crops, plots) built: only run.json and the page's write
        // follow, which streams the overlay video into the page in chunks (issue 20: sampled
        // before the page, 104 MB was reported against a 152-168 MB peak on 3000 frames).
        report = report with { PeakMemoryMB = RunInfo.PeakMemoryMB() };
        string json = JsonSerializer.Serialize(report, RunInfo.Json);
        AtomicFile.WriteAllText(staged.Stage(Path.Combine(options.OutputDirectory, ReportFile)), json);
        if (page is not null) SegmentReportPage.Write(staged.Stage(SegmentReportPage.PathOf(report)), page, json, writer.OverlayPath);
        staged.Publish();
        return report;
    }

    private static void Validate(SegmentOptions options)
    {
        if (options.BoxesEvery < 1) throw new JobException($"--boxes-every {options.BoxesEvery}: give 1 (every box) or more");
        if (options.GpuMemLimitMiB < 0) throw new JobException($"--gpu-mem-limit {options.GpuMemLimitMiB}: give MiB, 0 for no cap");
        if (options.InitOnly && options.BoxesEvery > 1) throw new JobException($"--init-only and --boxes-every {options.BoxesEvery} exclude each other: give one");
        SegmenterFactory.Validate(options.Segmenter, options.BatchSize);
    }

    // run.json: what ran, on what, how it was prompted and linked, and where the time went.
    private static SegmentReport Summarise(SegmentOptions options, ISegmenter segmenter, IFrameSource source, SegmentInputs inputs,
        FrameSegmenter frameSegmenter, bool acrossFrames, RunWriter writer, StageTimer timer, IReadOnlyDictionary<string, QueueGauge.Stats> queueDepths)
    {
        var prompter = inputs.Prompter;
        return new SegmentReport
        {
            Tool = $"satvidseg {RunInfo.ToolVersion}",
            FinishedUtc = DateTime.UtcNow.ToString("o"),
            Versions = RunInfo.Versions(),
            Options = options,
            Segmenter = segmenter.Name,
            Video = source.Info,
            Frames = writer.Frames,
            ObjectFrames = writer.ObjectFrames,
            ResumedFrames = frameSegmenter.Replayed,
            Tracks = writer.Recorder.TrackCount,
            ClippedBoxes = inputs.Plan.ClippedBoxes,
            NoBoxRows = inputs.Boxes.NoBoxRows,
            FrameSizeChanges = source.SizeChanges
                .Select(c => (object)new { frame = c.FrameIndex + 1, c.File, size = $"{c.Width}x{c.Height}", policy = options.SizePolicy.ToString() })
                .ToArray(),
            DamagedFrames = source.DamagedFrames
                .Select(DamagedFrameEntry.From)
                .ToArray(),
            StageSeconds = timer.Seconds(),
            QueueDepths = queueDepths,
            Batching = segmenter is SamSegmenter sam ? BatchingReport.Of(sam, acrossFrames) : null,
            Prompting = new
            {
                boxes = options.Schedule.ToString(),
                annotationIds = !inputs.IgnoreIds,
                corrections = options.Corrections is null ? null : new { file = options.Corrections, boxes = inputs.Corrections.Count, firstFrame = inputs.Corrections.FirstFrame + 1 },
                appearance = inputs.Appearance is null ? null : new { moved = inputs.Appearance.Corrected, kept = inputs.Appearance.Kept, minScore = AppearanceStep.MinScore },
            },
            PredictedPrompts = prompter.PredictedPrompts,
            Linking = new { started = prompter.Events.Started, refound = prompter.Events.Refound, lost = prompter.Events.Lost, exited = prompter.Exited },
            IdDisagreements = prompter.Disagreements
                .Select(d => (object)new { frame = d.FrameIndex + 1, annotationId = d.AnnotationId, linkedTrackId = d.LinkedTrackId, reason = d.Reason })
                .ToArray(),
            TrackQuality = writer.Recorder.TrackQuality(),
        };
    }

    // The backward pass of --propagate both or backward, before the forward one writes anything. It
    // reads the same folder source as the forward pass (reading back to front leaves its forward state alone).
    private static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> RunBackward(SegmentOptions options, IFrameSource source, SegmentInputs inputs,
        BackgroundLoad<ISegmenter> segmenter, CancellationToken cancellationToken)
    {
        var (boxes, plan) = (inputs.Boxes, inputs.Plan);
        if (options.Propagate == Propagation.Forward) return new Dictionary<int, IReadOnlyList<SegmentedObject>>();
        string flag = $"--propagate {options.Propagate.ToString().ToLowerInvariant()}";
        if (inputs.IgnoreIds)
            throw new JobException($"{flag} follows each object back from its boxes by its id; {options.Boxes} gives boxes without ids (--ignore-ids or negative ids)");
        if (source is not ImageSequenceSource frames)
            throw new JobException($"{flag} reads frames back to front and needs a folder of frames; {options.Input} is a video (extract its frames first: ffmpeg -i {options.Input} frames/%06d.png)");
        var used = new UsedBoxes(plan, options.Schedule, inputs.Corrections);
        return VideoErrors.AsJobError(() => options.Propagate == Propagation.Both
            ? BackwardPass.NearerThanForward(frames, boxes, used, segmenter.Value, cancellationToken)
            : BackwardPass.FromEveryUsedBox(frames, boxes, used, segmenter.Value, cancellationToken));
    }

    private static IFrameSource Open(SegmentOptions options) =>
        VideoErrors.AsJobError(() => FrameSources.Open(options.Input, options.Fps, options.SizePolicy, options.DamagedFrames));
}
