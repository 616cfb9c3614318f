using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// The one per-frame collector of a job: it walks each frame's masks once and feeds both the
/// per-track quality of run.json (<see cref="TrackQualityAccumulator"/>, when asked for) and the
/// report: per-track series (<see cref="TrackSeriesCollector"/>), zoomed crops every few frames
/// (<see cref="TrackCropCollector"/>, drawn with outlines and a light fill but no labels, so the
/// crops show the object rather than text) and an overlay still of the frame with the most
/// objects. Memory per track is bounded whatever the video's length: counters, a few hundred
/// plotted points per series, at most two dozen crops; plus one frame. Rendering happens only on
/// the sampled frames and when a new busiest frame appears.
/// </summary>
public sealed class RunRecorder
{
    private static readonly OverlayStyle CropStyle = new(FillOpacity: 0.25, Contours: true, Labels: false, PromptBoxes: false, FrameCounter: false);
    private readonly OverlayRenderer _crops = new(CropStyle);
    private readonly OverlayRenderer _still;
    private readonly bool _promptSource;
    private readonly bool _report;
    private readonly SortedDictionary<int, TrackQualityAccumulator>? _quality;
    private int _stillObjects = -1;

    /// <summary>
    /// A recorder for a video of <paramref name="frameCount"/> frames (null = unknown) at
    /// <paramref name="fps"/>; the still is drawn in <paramref name="stillStyle"/> (trails off);
    /// <paramref name="promptSource"/> records where prompts came from (false for masks read from
    /// files); <paramref name="trackQuality"/> gathers run.json's track quality; without
    /// <paramref name="report"/> nothing is kept for a page (series, crops, still).
    /// </summary>
    public RunRecorder(int? frameCount, OverlayStyle? stillStyle = null, double fps = 0, bool promptSource = true, bool trackQuality = false, bool report = true)
    {
        Crops = new TrackCropCollector(TrackCropCollector.StrideFor(frameCount));
        _still = new OverlayRenderer((stillStyle ?? OverlayStyle.Default) with { TrailLength = 0 }, fps);
        _promptSource = promptSource;
        _report = report;
        _quality = trackQuality ? [] : null;
    }

    /// <summary>The per-track series; stages may add their own signals to it.</summary>
    public TrackSeriesCollector Series { get; } = new();

    /// <summary>The crops.</summary>
    public TrackCropCollector Crops { get; }

    /// <summary>The overlay of the frame with the most objects (the first such); null before any frame.</summary>
    public Frame? Still { get; private set; }

    /// <summary>First and last 0-based frame recorded ((int.MaxValue, -1) before any).</summary>
    public (int First, int Last) FrameRange { get; private set; } = (int.MaxValue, -1);

    /// <summary>Tracks with track quality so far.</summary>
    public int TrackCount => _quality?.Count ?? 0;

    /// <summary>
    /// Records one frame and its objects, in frame order; the frame's lost tracks count against
    /// those of them that have quality by then (a track lost before its first mask has none).
    /// </summary>
    public void Add(Frame frame, FrameDetections detections)
    {
        int index = detections.FrameIndex;
        FrameRange = (Math.Min(FrameRange.First, index), Math.Max(FrameRange.Last, index));
        foreach (var o in detections.Objects)
        {
            long area = o.Mask.Area;
            if (_quality is not null)
            {
                if (!_quality.TryGetValue(o.TrackId, out var q)) _quality[o.TrackId] = q = new TrackQualityAccumulator(o.TrackId, o.Prompt.Class);
                q.Add(index, o, area);
            }
            if (_report) Series.AddObject(index, o, area, _promptSource);
        }
        CountLost(detections.LostTrackIds);
        if (!_report) return;
        if (index % Crops.Stride == 0) Crops.Add(_crops.Render(frame, detections), detections);
        if (detections.Objects.Count > _stillObjects)
        {
            _stillObjects = detections.Objects.Count;
            Still = _still.Render(frame, detections);
        }
    }

    /// <summary>run.json's track quality, ascending ids (empty unless asked for).</summary>
    public IReadOnlyList<TrackQuality> TrackQuality() =>
        _quality is null ? [] : _quality.Values.Select(q => q.ToQuality()).ToArray();

    private void CountLost(IReadOnlyList<int> trackIds)
    {
        if (_quality is null) return;
        foreach (int id in trackIds)
            if (_quality.TryGetValue(id, out var q)) q.AddLostFrame();
    }
}
