namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Names of the per-track time series the reports know how to scale and judge. Any other name is
/// plotted too (auto-scaled); adding a signal needs no change here unless it has a fixed range.
/// </summary>
public static class SeriesNames
{
    /// <summary>Mask area in pixels.</summary>
    public const string Area = "area";

    /// <summary>The segmenter's own IoU estimate, 0-1.</summary>
    public const string PredictedIoU = "predicted IoU";

    /// <summary>IoU of a mask with the same track's previous mask, 0-1 (from the tracker, where present).</summary>
    public const string TemporalIoU = "temporal IoU";

    /// <summary>IoU with the ground-truth mask of the same id, 0-1 (render --compare).</summary>
    public const string IoUVsTruth = "IoU vs ground truth";

    /// <summary>Where the prompt box came from (categorical: annotated, predicted).</summary>
    public const string PromptSource = "prompt source";

    /// <summary>The fixed y range of a series, or null to scale it to its data.</summary>
    public static (double Min, double Max)? FixedRange(string name) =>
        name.EndsWith("IoU", StringComparison.Ordinal) || name.Contains("IoU ", StringComparison.Ordinal) ? (0, 1) : null;
}
