namespace SatVideoSeg.Pipeline.Eval;

/// <summary>What metrics.json holds.</summary>
public sealed record EvalReport
{
    /// <summary>Sequence name of rows that combine all sequences.</summary>
    public const string Combined = "COMBINED";

    /// <summary>Class name of rows averaging the class scores (each class counts once).</summary>
    public const string ClassAveraged = "cls_avg";

    /// <summary>Class name of rows pooling the classes' detections (each detection counts once).</summary>
    public const string DetAveraged = "det_avg";

    /// <summary>Tool name and version.</summary>
    public required string Tool { get; init; }

    /// <summary>When the evaluation finished (UTC, ISO 8601).</summary>
    public required string FinishedUtc { get; init; }

    /// <summary>Ground-truth path and detected format.</summary>
    public required string GroundTruth { get; init; }

    /// <summary>Prediction path and detected format.</summary>
    public required string Predicted { get; init; }

    /// <summary>The options used.</summary>
    public required EvalOptions Options { get; init; }

    /// <summary>How sequences and classes are combined, in words.</summary>
    public string Combination { get; init; } =
        "Per class, sequences are combined as TrackEval's combine_sequences (HOTA/CLEAR/Identity counts summed, AssA/LocA weighted by HOTA_TP; " +
        "J&F weighted by annotated objects; IoU sums pooled). Classes are combined two ways: cls_avg = mean of the class scores " +
        "(TrackEval's class-averaged, classes without detections left out) and det_avg = detections pooled across classes " +
        "(TrackEval's det-averaged; J&F there is the class mean). Matching never crosses classes.";

    /// <summary>The sequences evaluated: name, frames, size.</summary>
    public required IReadOnlyList<EvalSequenceInfo> Sequences { get; init; }

    /// <summary>Classes evaluated.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Every row: per sequence and class, per sequence combined over classes, and all sequences combined.</summary>
    public required IReadOnlyList<EvalScope> Results { get; init; }

    /// <summary>The row of a sequence (or <see cref="Combined"/>) and class (or a class combination).</summary>
    public EvalMetrics this[string sequence, string cls] =>
        Results.FirstOrDefault(r => r.Sequence == sequence && r.Class == cls)?.Metrics
        ?? throw new KeyNotFoundException($"no result for sequence '{sequence}', class '{cls}'");
}
