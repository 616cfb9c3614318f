using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Gathers one track's quality signals frame by frame for run.json (see <see cref="TrackQuality"/>),
/// in memory that does not grow with the track's length: counters, the previous mask, at most
/// <see cref="MaxListedFrames"/> area-jump frames and as many runs of predicted frames.
/// Frames are 0-based here and 1-based in the report. Fed by <see cref="Reports.RunRecorder"/>.
/// </summary>
public sealed class TrackQualityAccumulator(int trackId, ObjectClass cls)
{
    /// <summary>Mask area ratio to the previous frame above which (or below whose inverse) a frame counts as an area jump.</summary>
    public const double AreaJumpRatio = 1.5;

    /// <summary>Temporal IoU below which a frame counts as unstable.</summary>
    public const double LowTemporalIoU = 0.5;

    /// <summary>Area-jump frames, and runs of predicted frames, listed at most (the counts cover all).</summary>
    public const int MaxListedFrames = 50;

    private readonly List<int> _areaJumpFrames = [];
    private readonly List<(int First, int Last)> _predictedRuns = [];
    private int _predicted;
    private bool _predictedCut;
    private int _frames;
    private int _empty;
    private int _largerThanBox;
    private int _lowTemporal;
    private int _temporalCount;
    private int _lostFrames;
    private int _areaJumps;
    private int _first = -1;
    private int _last = -1;
    private double _iouSum;
    private double _iouMin = double.PositiveInfinity;
    private double _areaSum;
    private double _temporalSum;
    private double _temporalMin = double.PositiveInfinity;
    private BitMask? _previous;
    private long _previousArea;
    private int _previousFrame = -2;

    /// <summary>The track.</summary>
    public int TrackId => trackId;

    /// <summary>Adds the track's linked object of a frame.</summary>
    public void Add(int frameIndex, SegmentedObject o) => Add(frameIndex, o, o.Mask.Area);

    /// <summary>Adds the track's linked object of a frame whose mask area the caller has counted.</summary>
    public void Add(int frameIndex, SegmentedObject o, long area)
    {
        if (_first < 0) _first = frameIndex;
        _last = frameIndex;
        _frames++;
        if (area == 0) _empty++;
        _iouSum += o.PredictedIoU;
        _iouMin = Math.Min(_iouMin, o.PredictedIoU);
        _areaSum += area;
        if (o.Prompt.Source == PromptSource.Predicted) AddPredicted(frameIndex);
        if (LargerThanBox(o.Mask, o.Prompt.Box)) _largerThanBox++;
        if (_previous is not null && _previousFrame == frameIndex - 1)
        {
            double iou = MaskIoU.Compute(_previous, o.Mask);
            _temporalSum += iou;
            _temporalCount++;
            _temporalMin = Math.Min(_temporalMin, iou);
            if (iou < LowTemporalIoU) _lowTemporal++;
            long before = _previousArea;
            if (before > 0 && area > 0 && (area > AreaJumpRatio * before || AreaJumpRatio * area < before))
            {
                _areaJumps++;
                if (_areaJumpFrames.Count < MaxListedFrames) _areaJumpFrames.Add(frameIndex + 1);
            }
        }
        _previous = o.Mask;
        _previousArea = area;
        _previousFrame = frameIndex;
    }

    // Extends the last run of predicted frames or starts one (while fewer than MaxListedFrames).
    private void AddPredicted(int frameIndex)
    {
        _predicted++;
        if (_predictedRuns.Count > 0 && _predictedRuns[^1].Last == frameIndex - 1) _predictedRuns[^1] = (_predictedRuns[^1].First, frameIndex);
        else if (_predictedRuns.Count < MaxListedFrames) _predictedRuns.Add((frameIndex, frameIndex));
        else _predictedCut = true;
    }

    /// <summary>Counts a frame in which the track was lost (alive, but without a linked mask).</summary>
    public void AddLostFrame() => _lostFrames++;

    /// <summary>The signals gathered.</summary>
    public TrackQuality ToQuality() => new(
        trackId,
        ObjectClasses.Name(cls),
        _first + 1,
        _last + 1,
        _frames,
        _empty,
        Math.Round(_iouSum / Math.Max(1, _frames), 4),
        _frames == 0 ? 0 : Math.Round(_iouMin, 4),
        Math.Round(_areaSum / Math.Max(1, _frames), 1),
        _temporalCount == 0 ? null : Math.Round(_temporalSum / _temporalCount, 4),
        _temporalCount == 0 ? null : Math.Round(_temporalMin, 4),
        _lowTemporal,
        _areaJumps,
        _areaJumpFrames,
        _largerThanBox,
        _predicted,
        FrameRanges(_predictedRuns, _predictedCut),
        _lostFrames);

    // A mask reaching more than one pixel beyond its prompt box on any side (SAM leaking into background).
    private static bool LargerThanBox(BitMask mask, BoxXyxy box)
    {
        var tight = mask.TightRect();
        if (tight.IsEmpty) return false;
        var r = box.ToPixelRect();
        return tight.X < r.X - 1 || tight.Y < r.Y - 1 || tight.Right > r.Right + 1 || tight.Bottom > r.Bottom + 1;
    }

    // "11-15,20,22-30" from runs of 0-based frames, written 1-based; ",..." when more runs were left out.
    private static string FrameRanges(List<(int First, int Last)> runs, bool cut) =>
        string.Join(",", runs.Select(r => r.First == r.Last ? $"{r.First + 1}" : $"{r.First + 1}-{r.Last + 1}")) + (cut ? ",..." : "");
}
