namespace SatVideoSeg.Core.Metrics.Segmentation;

/// <summary>Sums behind <see cref="SegmentationResult"/>, so that results combine exactly.</summary>
/// <param name="ObjectFrames">Annotated object-frames scored.</param>
/// <param name="ObjectIoU">Sum of their IoU.</param>
/// <param name="ObjectBIoU">Sum of their boundary IoU with the ratio band.</param>
/// <param name="ObjectBIoUFixed">Sum of their boundary IoU with the fixed band.</param>
/// <param name="Frames">Frames scored on the union masks.</param>
/// <param name="UnionIoU">Sum of the per-frame union IoU.</param>
/// <param name="UnionBIoU">Sum of the per-frame union boundary IoU (ratio band).</param>
/// <param name="UnionBIoUFixed">Sum of the per-frame union boundary IoU (fixed band).</param>
public readonly record struct SegmentationSums(long ObjectFrames, double ObjectIoU, double ObjectBIoU, double ObjectBIoUFixed, long Frames, double UnionIoU, double UnionBIoU, double UnionBIoUFixed)
{
    /// <summary>Field-wise sum.</summary>
    public static SegmentationSums operator +(SegmentationSums a, SegmentationSums b) => new(
        a.ObjectFrames + b.ObjectFrames, a.ObjectIoU + b.ObjectIoU, a.ObjectBIoU + b.ObjectBIoU, a.ObjectBIoUFixed + b.ObjectBIoUFixed,
        a.Frames + b.Frames, a.UnionIoU + b.UnionIoU, a.UnionBIoU + b.UnionBIoU, a.UnionBIoUFixed + b.UnionBIoUFixed);
}
