namespace SatVideoSeg.Core.Metrics.Segmentation;

/// <summary>
/// Mask quality as ROS-SAM reports it and per object: <b>per object</b> = mean over annotated
/// object-frames of IoU / boundary IoU with the predicted mask of the same track id (an empty mask
/// when that id is missing); <b>union</b> = mean over frames of IoU / boundary IoU between the union
/// of all annotated and the union of all predicted masks (ROS-SAM's protocol). NaN where nothing was scored.
/// </summary>
public sealed record SegmentationResult(SegmentationSums Sums)
{
    /// <summary>Mean per-object IoU.</summary>
    public double ObjectIoU => Mean(Sums.ObjectIoU, Sums.ObjectFrames);

    /// <summary>Mean per-object boundary IoU (ratio band).</summary>
    public double ObjectBIoU => Mean(Sums.ObjectBIoU, Sums.ObjectFrames);

    /// <summary>Mean per-object boundary IoU (fixed band).</summary>
    public double ObjectBIoUFixed => Mean(Sums.ObjectBIoUFixed, Sums.ObjectFrames);

    /// <summary>Mean per-frame union IoU.</summary>
    public double UnionIoU => Mean(Sums.UnionIoU, Sums.Frames);

    /// <summary>Mean per-frame union boundary IoU (ratio band).</summary>
    public double UnionBIoU => Mean(Sums.UnionBIoU, Sums.Frames);

    /// <summary>Mean per-frame union boundary IoU (fixed band).</summary>
    public double UnionBIoUFixed => Mean(Sums.UnionBIoUFixed, Sums.Frames);

    /// <summary>Pooled over parts (sequences, or classes detection-averaged): sums added.</summary>
    public static SegmentationResult Combine(IEnumerable<SegmentationResult> parts) =>
        new(parts.Aggregate(default(SegmentationSums), (s, p) => s + p.Sums));

    private static double Mean(double sum, long n) => n == 0 ? double.NaN : sum / n;
}
