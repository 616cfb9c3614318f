using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sinks;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The write stage of a segment run: per frame, in frame order, the objects' MOTS lines, the
/// overlay frame (rendered and encoded) and the one per-frame collector (<see cref="RunRecorder"/>:
/// run.json's track quality and, with the report on, the page's data); then the frame is released.
/// Its files are staged (<see cref="StagedOutputs"/>): nothing appears until the run publishes them
/// all, and <see cref="Complete"/> only finishes them.
/// </summary>
public sealed class RunWriter : IDisposable
{
    private readonly SegmentOptions _options;
    private readonly StageTimer _timer;
    private readonly IProgress<JobProgress>? _progress;
    private readonly int? _frameCount;
    private readonly AtomicTextWriter _tracks;
    private readonly H264FileSink? _overlay;
    private readonly OverlayRenderer _renderer;

    /// <summary>Opens the staged tracks file and, where asked for, the overlay video of a <paramref name="video"/>.</summary>
    public RunWriter(SegmentOptions options, VideoInfo video, StagedOutputs staged, MotsTrackIds motsIds, StageTimer timer, IProgress<JobProgress>? progress = null)
    {
        _options = options;
        MotsIds = motsIds;
        _timer = timer;
        _progress = progress;
        _frameCount = video.FrameCount;
        // Sparse runs draw prompt boxes: annotated solid, predicted dashed.
        var style = options.Schedule.IsDense ? options.Overlay : options.Overlay with { PromptBoxes = true };
        Recorder = new RunRecorder(video.FrameCount, style, video.Fps, trackQuality: true, report: options.WriteReport);
        // Overlay frames are encoded and dropped: recycle their ~1 MB buffers (steadier memory).
        _renderer = new OverlayRenderer(style, video.Fps, new BufferPool<byte>());
        _tracks = AtomicFile.CreateText(staged.Stage(Path.Combine(options.OutputDirectory, SegmentJob.TracksFile)));
        try
        {
            OverlayPath = options.WriteOverlay ? staged.Stage(Path.Combine(options.OutputDirectory, SegmentJob.OverlayFile)) : null;
            _overlay = OverlayPath is not null ? new H264FileSink(OverlayPath, video.Width, video.Height, video.Fps) : null;
        }
        catch
        {
            _tracks.Dispose();
            throw;
        }
    }

    /// <summary>The run's per-frame collector (track quality, and the report's series, crops and still).</summary>
    public RunRecorder Recorder { get; }

    /// <summary>The MOTS instance ids written for the track ids (and their map, where renumbered).</summary>
    public MotsTrackIds MotsIds { get; }

    /// <summary>Where the overlay video is staged; null without one.</summary>
    public string? OverlayPath { get; }

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Objects written so far, summed over frames.</summary>
    public int ObjectFrames { get; private set; }

    /// <summary>Writes one frame's objects, in frame order, and releases the frame.</summary>
    public void Write(Frame frame, FrameDetections detections)
    {
        foreach (var o in detections.Objects)
            _tracks.WriteLine(MotsFormat.FormatLine(frame.Index, MotsIds.For(o), o.Prompt.Class, o.Mask, _options.MotsFrameBase));
        if (_overlay is not null)
        {
            using var drawn = _timer.Time("render", () => _renderer.Render(frame, detections));
            _timer.Time("encode", () => OutputErrors.AsIOError(() => _overlay.Write(drawn)));
        }
        if (_options.WriteReport) _timer.Time("report", () => Recorder.Add(frame, detections));
        else Recorder.Add(frame, detections); // track quality only
        frame.Dispose();
        Frames++;
        ObjectFrames += detections.Objects.Count;
        _progress?.Report(new JobProgress("segment", detections.FrameIndex + 1, _frameCount));
    }

    /// <summary>Finishes the overlay's encoding and the tracks file (still staged).</summary>
    public void Complete()
    {
        _timer.Time("encode", () => OutputErrors.AsIOError(() => _overlay?.Complete()));
        _tracks.Commit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _overlay?.Dispose();
        _tracks.Dispose();
    }
}
