using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// What a job remembers, frame by frame, for its report: per-track series
/// (<see cref="TrackSeriesCollector"/>), zoomed crops every few frames
/// (<see cref="TrackCropCollector"/>, drawn with outlines and a light fill but no labels, so the
/// crops show the object rather than text) and an overlay still of the frame with the most
/// objects. Memory stays bounded: numbers per object-frame, a dozen crops per track, one frame.
/// Rendering happens only on the sampled frames and when a new busiest frame appears.
/// </summary>
public sealed class RunRecorder
{
    private static readonly OverlayStyle CropStyle = new(FillOpacity: 0.25, Contours: true, Labels: false, PromptBoxes: false, FrameCounter: false);
    private readonly OverlayRenderer _crops = new(CropStyle);
    private readonly OverlayRenderer _still;
    private readonly bool _promptSource;
    private int _stillObjects = -1;

    /// <summary>
    /// A recorder for a video of <paramref name="frameCount"/> frames (null = unknown) at
    /// <paramref name="fps"/>; the still is drawn in <paramref name="stillStyle"/> (trails off);
    /// <paramref name="promptSource"/> records where prompts came from (false for masks read from files).
    /// </summary>
    public RunRecorder(int? frameCount, OverlayStyle? stillStyle = null, double fps = 0, bool promptSource = true)
    {
        Crops = new TrackCropCollector(TrackCropCollector.StrideFor(frameCount));
        _still = new OverlayRenderer((stillStyle ?? OverlayStyle.Default) with { TrailLength = 0 }, fps);
        _promptSource = promptSource;
    }

    /// <summary>The per-track series; stages may add their own signals to it.</summary>
    public TrackSeriesCollector Series { get; } = new();

    /// <summary>The crops.</summary>
    public TrackCropCollector Crops { get; }

    /// <summary>The overlay of the frame with the most objects (the first such); null before any frame.</summary>
    public Frame? Still { get; private set; }

    /// <summary>First and last 0-based frame recorded ((int.MaxValue, -1) before any).</summary>
    public (int First, int Last) FrameRange { get; private set; } = (int.MaxValue, -1);

    /// <summary>Records one frame and its objects.</summary>
    public void Add(Frame frame, FrameDetections detections)
    {
        FrameRange = (Math.Min(FrameRange.First, detections.FrameIndex), Math.Max(FrameRange.Last, detections.FrameIndex));
        Series.AddFrame(detections, _promptSource);
        if (detections.FrameIndex % Crops.Stride == 0) Crops.Add(_crops.Render(frame, detections), detections);
        if (detections.Objects.Count > _stillObjects)
        {
            _stillObjects = detections.Objects.Count;
            Still = _still.Render(frame, detections);
        }
    }
}
