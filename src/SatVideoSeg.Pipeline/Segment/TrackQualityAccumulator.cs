using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Gathers one track's quality signals frame by frame for run.json (see <see cref="TrackQuality"/>).
/// Frames are 0-based here and 1-based in the report.
/// </summary>
public sealed class TrackQualityAccumulator(int trackId, ObjectClass cls)
{
    /// <summary>Mask area ratio to the previous frame above which (or below whose inverse) a frame counts as an area jump.</summary>
    public const double AreaJumpRatio = 1.5;

    /// <summary>Temporal IoU below which a frame counts as unstable.</summary>
    public const double LowTemporalIoU = 0.5;

    private const int MaxListedFrames = 50;

    private readonly List<int> _areaJumpFrames = [];
    private readonly List<int> _predictedFrames = [];
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
    public void Add(int frameIndex, SegmentedObject o)
    {
        if (_first < 0) _first = frameIndex;
        _last = frameIndex;
        _frames++;
        long area = o.Mask.Area;
        if (area == 0) _empty++;
        _iouSum += o.PredictedIoU;
        _iouMin = Math.Min(_iouMin, o.PredictedIoU);
        _areaSum += area;
        if (o.Prompt.Source == PromptSource.Predicted) _predictedFrames.Add(frameIndex);
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
        _predictedFrames.Count,
        FrameRanges(_predictedFrames),
        _lostFrames);

    // A mask reaching more than one pixel beyond its prompt box on any side (SAM leaking into background).
    private static bool LargerThanBox(BitMask mask, BoxXyxy box)
    {
        var tight = mask.TightRect();
        if (tight.IsEmpty) return false;
        var r = box.ToPixelRect();
        return tight.X < r.X - 1 || tight.Y < r.Y - 1 || tight.Right > r.Right + 1 || tight.Bottom > r.Bottom + 1;
    }

    // "11-15,20,22-30" from sorted 0-based frames, written 1-based.
    private static string FrameRanges(List<int> frames)
    {
        var parts = new List<string>();
        for (int i = 0; i < frames.Count;)
        {
            int j = i;
            while (j + 1 < frames.Count && frames[j + 1] == frames[j] + 1) j++;
            parts.Add(i == j ? $"{frames[i] + 1}" : $"{frames[i] + 1}-{frames[j] + 1}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
