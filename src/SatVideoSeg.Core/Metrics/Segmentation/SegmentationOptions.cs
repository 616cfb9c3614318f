namespace SatVideoSeg.Core.Metrics.Segmentation;

/// <summary>Boundary bands of the segmentation-quality evaluation.</summary>
public sealed record SegmentationOptions
{
    /// <summary>Boundary IoU band as a fraction of the frame diagonal (boundary-iou-api's dilation_ratio). Default 0.02.</summary>
    public double DilationRatio { get; init; } = BoundaryIoU.DefaultDilationRatio;

    /// <summary>
    /// A second, fixed boundary band in pixels, for tiny objects that the ratio band swallows whole
    /// (0.02 x the diagonal of a 640x480 frame is 16 px, more than a car's width). Default 2.
    /// </summary>
    public int FixedBandPixels { get; init; } = 2;
}
