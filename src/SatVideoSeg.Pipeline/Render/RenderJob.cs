using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sinks;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>
/// `satvidseg render`: draws existing mask tracks over their video without segmenting again, with
/// the same <see cref="OverlayRenderer"/> that `segment` uses; with a ground-truth file it draws a
/// comparison instead (<see cref="CompareRenderer"/>). Optionally writes a contact sheet and a
/// report page. Every output appears only when the whole run succeeds: all are staged and
/// published together once the last is complete (<see cref="StagedOutputs"/>).
/// </summary>
public static class RenderJob
{
    /// <summary>Runs the job; errors in the inputs surface as <see cref="JobException"/> before anything is written.</summary>
    public static RenderResult Run(RenderOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string ext = Path.GetExtension(options.Output).ToLowerInvariant();
        if (!FrameSinks.Extensions.Contains(ext))
            throw new JobException($"{options.Output}: cannot write '{ext}' video; use one of {string.Join(", ", FrameSinks.Extensions)}");
        var tracks = MaskTrackFile.Read(options.Tracks, options.MotsFrameBase);
        var truth = options.Compare is null ? null : MaskTrackFile.Read(options.Compare, options.MotsFrameBase);
        var boxes = options.Boxes is null ? null : ReadBoxes(options.Boxes);
        using var source = Open(options);
        var info = source.Info;
        foreach (var file in new[] { tracks, truth })
        {
            if (file is not null && info.FrameCount is int n && file.LastFrame >= n)
                throw new JobException($"{file.Path}: masks reach frame {file.LastFrame + 1} but {info.Path} has only {n} frames");
        }

        var overlay = truth is null ? new OverlayRenderer(options.Style, info.Fps) : null;
        var compare = truth is null ? null : new CompareRenderer(options.Style, options.CompareMode, info.Fps);
        int width = compare?.OutputWidth(info.Width) ?? info.Width;
        var recorder = options.ContactSheet is null && options.Report is null ? null : new RunRecorder(info.FrameCount, options.Style, info.Fps, promptSource: false);
        long tp = 0, fn = 0, fp = 0;
        int frames = 0;
        using var staged = new StagedOutputs();
        string video = staged.Stage(options.Output);
        using (var sink = VideoErrors.AsJobError(() => FrameSinks.Create(video, width, info.Height, info.Fps, publishedAs: options.Output)))
        {
            using var frameEnumerator = source.ReadFrames(cancellationToken).GetEnumerator();
            while (VideoErrors.AsJobError(frameEnumerator.MoveNext))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var frame = frameEnumerator.Current;
                var predicted = tracks.ForFrame(frame.Index, frame.Width, frame.Height);
                if (boxes is not null) predicted = PromptBoxOverlay.Apply(predicted, boxes);
                Frame drawn;
                if (compare is not null && truth is not null)
                {
                    var expected = truth.ForFrame(frame.Index, frame.Width, frame.Height);
                    drawn = compare.Render(frame, predicted, expected);
                    tp += compare.LastCounts.TruePositive;
                    fn += compare.LastCounts.FalseNegative;
                    fp += compare.LastCounts.FalsePositive;
                    if (recorder is not null) RecordIoUVsTruth(recorder.Series, predicted, expected);
                }
                else
                {
                    drawn = overlay!.Render(frame, predicted);
                }
                VideoErrors.AsJobError(() => sink.Write(drawn));
                recorder?.Add(frame, predicted);
                frames++;
                progress?.Report(new JobProgress("render", frames, info.FrameCount));
            }
            foreach (var file in new[] { tracks, truth })
            {
                if (file is not null && file.LastFrame >= frames)
                    throw new JobException($"{file.Path}: masks reach frame {file.LastFrame + 1} but {info.Path} has only {frames} frames");
            }
            cancellationToken.ThrowIfCancellationRequested();
            VideoErrors.AsJobError(sink.Complete);
        }

        if (recorder is not null && options.ContactSheet is not null)
            AtomicFile.WriteAllBytes(staged.Stage(options.ContactSheet), ImageCodec.Png(ContactSheet.Compose(recorder.Crops)));
        var result = new RenderResult(frames, tracks.TrackCount, width, info.Height, tp, fn, fp);
        if (recorder is not null && options.Report is not null) RenderReportPage.Write(staged.Stage(options.Report), video, options, result, recorder);
        staged.Publish();
        return result;
    }

    // Per-track IoU with the true mask of the same id (0 when the truth has no such object).
    private static void RecordIoUVsTruth(TrackSeriesCollector series, FrameDetections predicted, FrameDetections truth)
    {
        var byId = truth.Objects.ToDictionary(o => o.TrackId);
        foreach (var o in predicted.Objects)
        {
            double iou = byId.TryGetValue(o.TrackId, out var t) ? MaskIoU.Compute(o.Mask, t.Mask) : 0;
            series.Add(o.TrackId, o.Prompt.Class, predicted.FrameIndex, SeriesNames.IoUVsTruth, iou);
        }
    }

    private static BoxAnnotations ReadBoxes(string path)
    {
        try
        {
            return BoxFileReader.Read(path);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static IFrameSource Open(RenderOptions options) => VideoErrors.AsJobError(() => FrameSources.Open(options.Input, options.Fps, options.SizePolicy));
}
