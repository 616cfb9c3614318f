using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Core.Metrics.Segmentation;

/// <summary>
/// Streams per-object and per-frame-union IoU and boundary IoU (boundary-iou-api's definition, see
/// <see cref="BoundaryIoU"/>) over a sequence; see <see cref="SegmentationResult"/> for what is averaged.
/// Empty cases: an annotated object listed with an empty mask and no (or an empty) prediction scores
/// 1 (IoU and boundary IoU of two empty masks); a frame where both unions are empty is not scored; a
/// frame with predictions but no annotation scores 0.
/// </summary>
public sealed class SegmentationAccumulator
{
    private readonly int _width, _height;
    private readonly int _ratioBand, _fixedBand;
    private SegmentationSums _sums;

    /// <summary>Creates the accumulator for frames of the given size.</summary>
    public SegmentationAccumulator(int width, int height, SegmentationOptions? options = null)
    {
        options ??= new SegmentationOptions();
        if (options.FixedBandPixels < 1) throw new ArgumentOutOfRangeException(nameof(options), options.FixedBandPixels, "the fixed boundary band must be at least 1 pixel");
        _width = width;
        _height = height;
        _ratioBand = BoundaryIoU.DilationFromRatio(width, height, options.DilationRatio);
        _fixedBand = options.FixedBandPixels;
    }

    /// <summary>Band width d of the ratio boundary IoU, in pixels.</summary>
    public int RatioBandPixels => _ratioBand;

    /// <summary>Adds one frame.</summary>
    public void Add(IReadOnlyList<TrackedMask> annotated, IReadOnlyList<TrackedMask> predicted)
    {
        var byId = new Dictionary<int, BitMask>();
        foreach (var p in predicted) byId[p.TrackId] = p.Mask;
        var empty = BitMask.Empty(_width, _height);
        double iou = 0, biou = 0, biouFixed = 0;
        foreach (var g in annotated)
        {
            var p = byId.GetValueOrDefault(g.TrackId, empty);
            iou += MaskIoU.Compute(g.Mask, p);
            biou += BoundaryIoU.Compute(g.Mask, p, _ratioBand);
            biouFixed += BoundaryIoU.Compute(g.Mask, p, _fixedBand);
        }
        var gtUnion = Union(annotated);
        var predUnion = Union(predicted);
        bool scoreFrame = !(gtUnion.IsEmpty && predUnion.IsEmpty);
        _sums += new SegmentationSums(
            annotated.Count, iou, biou, biouFixed,
            scoreFrame ? 1 : 0,
            scoreFrame ? MaskIoU.Compute(gtUnion, predUnion) : 0,
            scoreFrame ? BoundaryIoU.Compute(gtUnion, predUnion, _ratioBand) : 0,
            scoreFrame ? BoundaryIoU.Compute(gtUnion, predUnion, _fixedBand) : 0);
    }

    /// <summary>The scores so far.</summary>
    public SegmentationResult Compute() => new(_sums);

    // The union of masks, stored over the union of their windows (never the whole frame unless they span it).
    private BitMask Union(IReadOnlyList<TrackedMask> objects)
    {
        var rect = default(PixelRect);
        foreach (var o in objects) rect = rect.Union(o.Mask.Rect);
        if (rect.IsEmpty) return BitMask.Empty(_width, _height);
        var data = new byte[rect.Area];
        foreach (var o in objects)
        {
            var m = o.Mask;
            for (int y = 0; y < m.Rect.Height; y++)
                for (int x = 0; x < m.Rect.Width; x++)
                    if (m.Data[y * m.Rect.Width + x] != 0) data[(m.Rect.Y + y - rect.Y) * rect.Width + m.Rect.X + x - rect.X] = 1;
        }
        return new BitMask(_width, _height, rect, data);
    }
}
