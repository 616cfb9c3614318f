using System.Text.Json;
using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sinks;
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

    private static SegmentReport Run(SegmentOptions options, OutputFolder output, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.BoxesEvery < 1) throw new JobException($"--boxes-every {options.BoxesEvery}: give 1 (every box) or more");
        if (options.InitOnly && options.BoxesEvery > 1) throw new JobException($"--init-only and --boxes-every {options.BoxesEvery} exclude each other: give one");
        SegmenterFactory.Validate(options.Segmenter, options.BatchSize);
        var timer = new StageTimer();
        // The model loads while FFmpeg probes and decodes the first frames (0.2-0.4 s of a 6 s run on
        // the 90-frame sample); a broken model then fails the run at its first frame.
        using var segmenter = new BackgroundLoad<ISegmenter>(() => timer.Time("load", () =>
            SegmenterFactory.Create(options.Segmenter, options.Model, options.Threads, options.Device, options.BatchSize, timer)));
        using var source = Open(options);
        var info = source.Info;
        var given = ReadBoxes(options.Boxes, options);
        // Negative ids (MOT detection files) mean "no id": then no id is used at all. Any other id is
        // the user's; where MOTS cannot hold it, tracks.mots.txt renumbers it and ids.json maps it back.
        bool ignoreIds = options.IgnoreIds || given.Frames.SelectMany(given.ForFrame).Any(b => b.TrackId < 0);
        var corrections = ReadCorrections(options, given, ignoreIds);
        var boxes = corrections.Boxes;
        var motsIds = new MotsTrackIds(ignoreIds ? null : boxes.Frames.SelectMany(boxes.ForFrame).Select(b => (b.TrackId, b.Class)), options.Boxes);
        var plan = new PromptPlan(boxes, info.Width, info.Height, useIds: !ignoreIds);
        var prompter = new TrackedPromptSource(plan, options.Schedule, ignoreIds, info.Width, info.Height, corrections: corrections);
        // Dense boxes leave nothing to predict, so the step would never act: outputs stay as they were.
        var appearance = options.Appearance && !options.Schedule.IsDense ? new AppearanceStep() : null;
        // A folder of frames knows its length before decoding, and most videos say theirs when probed
        // (nb_frames): boxes past it fail before any work, with the line of the box.
        CheckBoxesWithinFrames(boxes, info.Path, info.FrameCount);

        var earlier = RunBackward(options, source, boxes, plan, ignoreIds, segmenter, cancellationToken);

        output.Create();
        using var journal = SegmentJournal.Open(options.OutputDirectory, SegmentJournalKey.For(options), options.Resume);
        var frameSegmenter = new FrameSegmenter(prompter, appearance, journal, () => segmenter.Value, earlier, options.Propagate != Propagation.Backward, timer);
        // Declared before the writers, so disposed after them: a failed run's staged files go last.
        using var staged = new StagedOutputs(ownsDestinations: true); // the folder's lock
        using var tracks = AtomicFile.CreateText(staged.Stage(Path.Combine(options.OutputDirectory, TracksFile)));
        string? overlayPath = options.WriteOverlay ? staged.Stage(Path.Combine(options.OutputDirectory, OverlayFile)) : null;
        using var overlay = overlayPath is not null ? new H264FileSink(overlayPath, info.Width, info.Height, info.Fps) : null;
        // Sparse runs draw prompt boxes: annotated solid, predicted dashed.
        var overlayStyle = options.Schedule.IsDense ? options.Overlay : options.Overlay with { PromptBoxes = true };
        // Overlay frames are encoded and dropped: recycle their ~1 MB buffers (steadier memory).
        var renderer = new OverlayRenderer(overlayStyle, info.Fps, new BufferPool<byte>());
        // The one per-frame collector: run.json's track quality and, with the report on, the page's data.
        var recorder = new RunRecorder(info.FrameCount, overlayStyle, info.Fps, trackQuality: true, report: options.WriteReport);
        int frames = 0, objectFrames = 0;

        // Decode, segment + link (FrameSegmenter), and write + encode run concurrently over bounded
        // channels; segmenting and linking stay in frame order on one thread (each frame's prompts
        // depend on the previous frame's links).
        var pipeline = new FramePipeline<(Core.Imaging.Frame Frame, FrameDetections Detections)>(timer);
        try
        {
            pipeline.Run(VideoErrors.AsJobErrors(source.ReadFrames(cancellationToken)), frame =>
            {
                var detections = frameSegmenter.Process(frame, cancellationToken);
                recorder.AddLostTracks(frame.Index, prompter.LostTrackIds);
                frames++;
                objectFrames += detections.Objects.Count;
                return (frame, detections);
            }, result =>
            {
                var (frame, detections) = result;
                foreach (var o in detections.Objects)
                    tracks.WriteLine(MotsFormat.FormatLine(frame.Index, motsIds.For(o), o.Prompt.Class, o.Mask, options.MotsFrameBase));
                if (overlay is not null)
                {
                    using var drawn = timer.Time("render", () => renderer.Render(frame, detections));
                    timer.Time("encode", () => OutputErrors.AsIOError(() => overlay.Write(drawn)));
                }
                if (options.WriteReport) timer.Time("report", () => recorder.Add(frame, detections));
                else recorder.Add(frame, detections); // track quality only
                frame.Dispose();
                progress?.Report(new JobProgress("segment", detections.FrameIndex + 1, info.FrameCount));
            }, cancellationToken);

            // A folder's length was checked before the run (its skipped damaged frames still count); a
            // video whose container gave no frame count, or fewer frames than it said, is checked here.
            if (source is not ImageSequenceSource) CheckBoxesWithinFrames(boxes, info.Path, frames);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IOException))
        {
            // Only an interrupted run is worth resuming; a re-run would meet this failure again. An
            // output that could not be written (IOException: a full disk) is worth it: once there is
            // room, the re-run resumes.
            journal.Delete();
            throw;
        }

        timer.Time("encode", () => OutputErrors.AsIOError(() => overlay?.Complete()));
        tracks.Commit();
        // ids.json, beside tracks.mots.txt, only where ids were renumbered (staged with the other outputs).
        var idMap = motsIds.SaveMap(() => staged.Stage(Path.Combine(options.OutputDirectory, Datasets.Ids.TrackIdMap.FileName)));
        var report = new SegmentReport
        {
            Tool = $"satvidseg {RunInfo.ToolVersion}",
            FinishedUtc = DateTime.UtcNow.ToString("o"),
            Versions = RunInfo.Versions(),
            Options = options,
            Segmenter = segmenter.Value.Name,
            Video = info,
            Frames = frames,
            ObjectFrames = objectFrames,
            ResumedFrames = frameSegmenter.Replayed,
            Tracks = recorder.TrackCount,
            ClippedBoxes = plan.ClippedBoxes,
            NoBoxRows = boxes.NoBoxRows,
            FrameSizeChanges = source.SizeChanges
                .Select(c => (object)new { frame = c.FrameIndex + 1, c.File, size = $"{c.Width}x{c.Height}", policy = options.SizePolicy.ToString() })
                .ToArray(),
            DamagedFrames = source.DamagedFrames
                .Select(DamagedFrameEntry.From)
                .ToArray(),
            StageSeconds = timer.Seconds(),
            QueueDepths = pipeline.QueueDepths(),
            Batching = segmenter.Value is SamSegmenter sam ? BatchingReport.Of(sam) : null,
            Prompting = new
            {
                boxes = options.Schedule.ToString(),
                annotationIds = !ignoreIds,
                corrections = options.Corrections is null ? null : new { file = options.Corrections, boxes = corrections.Count, firstFrame = corrections.FirstFrame + 1 },
                appearance = appearance is null ? null : new { moved = appearance.Corrected, kept = appearance.Kept, minScore = AppearanceStep.MinScore },
            },
            PredictedPrompts = prompter.PredictedPrompts,
            Linking = new { started = prompter.Events.Started, refound = prompter.Events.Refound, lost = prompter.Events.Lost, exited = prompter.Exited },
            IdDisagreements = prompter.Disagreements
                .Select(d => (object)new { frame = d.FrameIndex + 1, annotationId = d.AnnotationId, linkedTrackId = d.LinkedTrackId, reason = d.Reason })
                .ToArray(),
            TrackQuality = recorder.TrackQuality(),
            IdMap = idMap,
        };
        string? page = options.WriteReport ? SegmentReportPage.Render(report, recorder, overlayPath) : null;
        // Sampled last, with the page (crops, plots) built: only run.json and the page's write
        // follow, which streams the overlay video into the page in chunks (issue 20: sampled
        // before the page, 104 MB was reported against a 152-168 MB peak on 3000 frames).
        report = report with { PeakMemoryMB = RunInfo.PeakMemoryMB() };
        string json = JsonSerializer.Serialize(report, RunInfo.Json);
        AtomicFile.WriteAllText(staged.Stage(Path.Combine(options.OutputDirectory, ReportFile)), json);
        if (page is not null) SegmentReportPage.Write(staged.Stage(SegmentReportPage.PathOf(report)), page, json, overlayPath);
        staged.Publish();
        return report;
    }

    private static void CheckBoxesWithinFrames(BoxAnnotations boxes, string input, int? frames)
    {
        if (frames is not int count || !boxes.Frames.Any() || boxes.Frames.Max() < count) return;
        int last = boxes.Frames.Max();
        var box = boxes.ForFrame(last).MinBy(b => b.Line)!;
        throw new JobException($"{boxes.File}:{box.Line}: a box in frame {last + 1}, past the last frame of {input} ({count} frames)");
    }

    // The backward pass of --propagate both or backward, before the forward one writes anything. It
    // reads the same folder source as the forward pass (reading back to front leaves its forward state alone).
    private static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> RunBackward(SegmentOptions options, IFrameSource source, BoxAnnotations boxes,
        PromptPlan plan, bool ignoreIds, BackgroundLoad<ISegmenter> segmenter, CancellationToken cancellationToken)
    {
        if (options.Propagate == Propagation.Forward) return new Dictionary<int, IReadOnlyList<SegmentedObject>>();
        string flag = $"--propagate {options.Propagate.ToString().ToLowerInvariant()}";
        if (ignoreIds)
            throw new JobException($"{flag} follows each object back from its boxes by its id; {options.Boxes} gives boxes without ids (--ignore-ids or negative ids)");
        if (source is not ImageSequenceSource frames)
            throw new JobException($"{flag} reads frames back to front and needs a folder of frames; {options.Input} is a video (extract its frames first: ffmpeg -i {options.Input} frames/%06d.png)");
        return VideoErrors.AsJobError(() => options.Propagate == Propagation.Both
            ? BackwardPass.BeforeFirstBoxes(frames, boxes, plan, segmenter.Value, cancellationToken)
            : BackwardPass.FromEveryUsedBox(frames, boxes, plan, options.Schedule, segmenter.Value, cancellationToken));
    }

    private static IFrameSource Open(SegmentOptions options) =>
        VideoErrors.AsJobError(() => FrameSources.Open(options.Input, options.Fps, options.SizePolicy, options.DamagedFrames));

    private static BoxAnnotations ReadBoxes(string file, SegmentOptions options)
    {
        try
        {
            return BoxFileReader.Read(file, options.BoxFormat, options.IgnoreIds);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static Corrections ReadCorrections(SegmentOptions options, BoxAnnotations boxes, bool ignoreIds)
    {
        if (options.Corrections is null) return Corrections.None(boxes);
        if (ignoreIds) throw new JobException($"--corrections names the objects it corrects by id; {options.Boxes} gives boxes without ids (--ignore-ids or negative ids)");
        return Corrections.Apply(boxes, ReadBoxes(options.Corrections, options));
    }
}
