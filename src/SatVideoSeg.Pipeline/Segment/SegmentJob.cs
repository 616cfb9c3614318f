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
/// run.json and report.html. Outputs appear only when the whole run succeeds (temp files renamed
/// at the end); a failed or cancelled run leaves none, but its journal lets the next identical run
/// skip the frames already segmented (<see cref="SegmentJournal"/>).
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
        var boxes = ReadBoxes(options);
        // Negative ids (MOT detection files) mean "no id": then no id is used at all. Any other id is
        // the user's; where MOTS cannot hold it, tracks.mots.txt renumbers it and ids.json maps it back.
        bool ignoreIds = options.IgnoreIds || boxes.Frames.SelectMany(boxes.ForFrame).Any(b => b.TrackId < 0);
        var motsIds = new MotsTrackIds(ignoreIds ? null : boxes.Frames.SelectMany(boxes.ForFrame).Select(b => (b.TrackId, b.Class)), options.Boxes);
        var plan = new PromptPlan(boxes, info.Width, info.Height, useIds: !ignoreIds);
        var prompter = new TrackedPromptSource(plan, options.Schedule, ignoreIds, info.Width, info.Height);
        // Dense boxes leave nothing to predict, so the step would never act: outputs stay as they were.
        var appearance = options.Appearance && !options.Schedule.IsDense ? new AppearanceStep() : null;
        // A folder of frames knows its length before decoding, and most videos say theirs when probed
        // (nb_frames): boxes past it fail before any work, with the line of the box.
        CheckBoxesWithinFrames(boxes, info.Path, info.FrameCount);

        var earlier = RunBackward(options, source, boxes, plan, ignoreIds, segmenter, cancellationToken);

        output.Create();
        using var journal = SegmentJournal.Open(options.OutputDirectory, SegmentJournalKey.For(options), options.Resume);
        int replayed = 0;
        using var tracks = AtomicFile.CreateText(Path.Combine(options.OutputDirectory, TracksFile));
        using var overlay = options.WriteOverlay
            ? new H264FileSink(Path.Combine(options.OutputDirectory, OverlayFile), info.Width, info.Height, info.Fps)
            : null;
        // Sparse runs draw prompt boxes: annotated solid, predicted dashed.
        var overlayStyle = options.Schedule.IsDense ? options.Overlay : options.Overlay with { PromptBoxes = true };
        // Overlay frames are encoded and dropped: recycle their ~1 MB buffers (steadier memory).
        var renderer = new OverlayRenderer(overlayStyle, info.Fps, new BufferPool<byte>());
        // The one per-frame collector: run.json's track quality and, with the report on, the page's data.
        var recorder = new RunRecorder(info.FrameCount, overlayStyle, info.Fps, trackQuality: true, report: options.WriteReport);
        int frames = 0, objectFrames = 0;

        // Decode, segment + link, and write + encode run concurrently over bounded channels;
        // segmenting and linking stay in frame order on one thread (each frame's prompts depend
        // on the previous frame's links).
        var pipeline = new FramePipeline<(Core.Imaging.Frame Frame, FrameDetections Detections)>(timer);
        try
        {
            pipeline.Run(VideoErrors.AsJobErrors(source.ReadFrames(cancellationToken)), frame =>
            {
                var prompts = timer.Time("link", () => prompter.PromptsFor(frame.Index));
                if (appearance is not null) prompts = timer.Time("appearance", () => appearance.Correct(frame, prompts));
                var segmented = journal.TryReplay(frame.Index, prompts, frame.Width, frame.Height);
                if (segmented is null)
                {
                    var model = segmenter.Value; // waits for the load on the first frame, outside the "segment" clock
                    segmented = timer.Time("segment", () => model.Segment(frame, prompts, cancellationToken));
                    timer.Time("journal", () => journal.Record(frame.Index, segmented));
                }
                else
                {
                    replayed++;
                }
                var resolved = timer.Time("resolve", () => OverlapResolver.Resolve(segmented));
                var disjoint = timer.Time("link", () => prompter.Link(frame.Index, resolved));
                appearance?.Remember(frame, disjoint);
                if (earlier.TryGetValue(frame.Index, out var backward))
                    disjoint = timer.Time("resolve", () => OverlapResolver.Resolve([.. disjoint, .. backward]));
                recorder.AddLostTracks(frame.Index, prompter.Linker.Tracks.Where(t => t.State == Core.Tracking.TrackState.Lost).Select(t => t.Id));
                frames++;
                objectFrames += disjoint.Count;
                return (frame, new FrameDetections(frame.Index, frame.Width, frame.Height, disjoint));
            }, result =>
            {
                var (frame, detections) = result;
                foreach (var o in detections.Objects)
                    tracks.WriteLine(MotsFormat.FormatLine(frame.Index, motsIds.For(o), o.Prompt.Class, o.Mask, options.MotsFrameBase));
                if (overlay is not null)
                {
                    using var drawn = timer.Time("render", () => renderer.Render(frame, detections));
                    timer.Time("encode", () => overlay.Write(drawn));
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only an interrupted run is worth resuming; a re-run would meet this failure again.
            journal.Delete();
            throw;
        }

        timer.Time("encode", () => overlay?.Complete());
        tracks.Commit();
        // ids.json, beside tracks.mots.txt, only where ids were renumbered (written like run.json: temp file + rename).
        var idMap = motsIds.SaveMap(Path.Combine(options.OutputDirectory, Datasets.Ids.TrackIdMap.FileName));
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
            ResumedFrames = replayed,
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
        string? page = options.WriteReport ? SegmentReportPage.Render(report, recorder) : null;
        // Sampled last, with the page (crops, plots) built: only run.json and the page's write
        // follow, which streams the overlay video into the page in chunks (issue 20: sampled
        // before the page, 104 MB was reported against a 152-168 MB peak on 3000 frames).
        report = report with { PeakMemoryMB = RunInfo.PeakMemoryMB() };
        string json = JsonSerializer.Serialize(report, RunInfo.Json);
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, ReportFile), json);
        if (page is not null) SegmentReportPage.Write(report, page, json);
        journal.Delete();
        return report;
    }

    private static void CheckBoxesWithinFrames(BoxAnnotations boxes, string input, int? frames)
    {
        if (frames is not int count || !boxes.Frames.Any() || boxes.Frames.Max() < count) return;
        int last = boxes.Frames.Max();
        var box = boxes.ForFrame(last).MinBy(b => b.Line)!;
        throw new JobException($"{boxes.File}:{box.Line}: a box in frame {last + 1}, past the last frame of {input} ({count} frames)");
    }

    // The backward pass of --propagate both, before the forward one writes anything. It reads the
    // same folder source as the forward pass (reading back to front leaves its forward state alone).
    private static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> RunBackward(SegmentOptions options, IFrameSource source, BoxAnnotations boxes,
        PromptPlan plan, bool ignoreIds, BackgroundLoad<ISegmenter> segmenter, CancellationToken cancellationToken)
    {
        if (options.Propagate != Propagation.Both) return new Dictionary<int, IReadOnlyList<SegmentedObject>>();
        if (ignoreIds)
            throw new JobException($"--propagate both follows each object back from its first box by its id; {options.Boxes} gives boxes without ids (--ignore-ids or negative ids)");
        if (source is not ImageSequenceSource frames)
            throw new JobException($"--propagate both reads frames back to front and needs a folder of frames; {options.Input} is a video (extract its frames first: ffmpeg -i {options.Input} frames/%06d.png)");
        return VideoErrors.AsJobError(() => BackwardPass.Run(frames, boxes, plan, segmenter.Value, cancellationToken));
    }

    private static IFrameSource Open(SegmentOptions options) =>
        VideoErrors.AsJobError(() => FrameSources.Open(options.Input, options.Fps, options.SizePolicy, options.DamagedFrames));

    private static BoxAnnotations ReadBoxes(SegmentOptions options)
    {
        try
        {
            return BoxFileReader.Read(options.Boxes, options.BoxFormat, options.IgnoreIds);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }
}
