namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// Accuracy of one segmenter on one sample. Per-object figures average over objects; union
/// figures follow ROS-SAM: all objects of a frame merged into one mask, IoU per frame, averaged
/// over frames. Boundary IoU per object uses d = max(1, round(0.02 x the object's box diagonal))
/// (the reference's image-diagonal d swallows small objects whole); on the union it uses the
/// reference d from the image diagonal.
/// </summary>
public sealed record SegmentBenchResult(
    string Sample,
    string Segmenter,
    int Objects,
    double MeanIoU,
    double MeanBoundaryIoU,
    double UnionIoU,
    double UnionBoundaryIoU,
    IReadOnlyDictionary<string, double> MeanIoUByLabel,
    double Seconds);
