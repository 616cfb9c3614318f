using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// What a job remembers, frame by frame, for its report: per-track series
/// (<see cref="TrackSeriesCollector"/>), zoomed crops every few frames
/// (<see cref="TrackCropCollector"/>) and a still of the frame with the most objects. Memory stays
/// bounded: numbers per object-frame, a dozen crops per track, one frame.
/// </summary>
public sealed class RunRecorder
{
    private readonly bool _promptSource;

    /// <summary>A recorder for a video of <paramref name="frameCount"/> frames (null = unknown); <paramref name="promptSource"/> records where prompts came from (false for masks read from files).</summary>
    public RunRecorder(int? frameCount, bool promptSource = true)
    {
        _promptSource = promptSource;
        Crops = new TrackCropCollector(TrackCropCollector.StrideFor(frameCount));
    }

    /// <summary>The per-track series; stages may add their own signals to it.</summary>
    public TrackSeriesCollector Series { get; } = new();

    /// <summary>The crops.</summary>
    public TrackCropCollector Crops { get; }

    /// <summary>The frame with the most objects (the first such), as drawn; null before any frame.</summary>
    public Frame? Still { get; private set; }

    /// <summary>First and last 0-based frame recorded.</summary>
    public (int First, int Last) FrameRange { get; private set; } = (int.MaxValue, -1);

    private int _stillObjects = -1;

    /// <summary>
    /// Records one frame. <paramref name="drawn"/> produces the overlay frame; it is called only on
    /// the frames whose crops or still are kept, so a job that writes no overlay renders few frames.
    /// </summary>
    public void Add(FrameDetections detections, Func<Frame> drawn)
    {
        FrameRange = (Math.Min(FrameRange.First, detections.FrameIndex), Math.Max(FrameRange.Last, detections.FrameIndex));
        Series.AddFrame(detections, _promptSource);
        bool sample = detections.FrameIndex % Crops.Stride == 0;
        bool busiest = detections.Objects.Count > _stillObjects;
        if (!sample && !busiest) return;
        var frame = drawn();
        if (sample) Crops.Add(frame, detections);
        if (busiest)
        {
            _stillObjects = detections.Objects.Count;
            Still = frame;
        }
    }
}
