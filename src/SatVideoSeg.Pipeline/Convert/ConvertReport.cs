namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// report.json of `convert`: totals over every sequence finished so far (by any shard), quality
/// flags and masks to review. Holds no timestamp, so re-runs give identical bytes.
/// </summary>
public sealed record ConvertReport
{
    /// <summary>Tool and version.</summary>
    public required string Tool { get; init; }

    /// <summary>Input folder as given.</summary>
    public required string Root { get; init; }

    /// <summary>Layout read.</summary>
    public required string Layout { get; init; }

    /// <summary>Output formats.</summary>
    public required string Targets { get; init; }

    /// <summary>Segmenter used.</summary>
    public required string Segmenter { get; init; }

    /// <summary>Sequences in the dataset.</summary>
    public int Sequences { get; init; }

    /// <summary>Sequences finished.</summary>
    public int SequencesDone { get; init; }

    /// <summary>True when every sequence is finished (the merged files are then written).</summary>
    public bool Complete { get; init; }

    /// <summary>Frames over finished sequences.</summary>
    public int Frames { get; init; }

    /// <summary>Objects over finished sequences.</summary>
    public int Objects { get; init; }

    /// <summary>Object-frames with a mask.</summary>
    public int ObjectFrames { get; init; }

    /// <summary>Objects per class name.</summary>
    public IReadOnlyDictionary<string, int> ObjectsPerClass { get; init; } = new Dictionary<string, int>();

    /// <summary>Quality flag totals.</summary>
    public IReadOnlyDictionary<string, int> Flags { get; init; } = new Dictionary<string, int>();

    /// <summary>Per-sequence summaries: name, frames, objects, flags.</summary>
    public IReadOnlyList<object> PerSequence { get; init; } = [];

    /// <summary>Sequences not finished yet.</summary>
    public IReadOnlyList<string> Pending { get; init; } = [];

    /// <summary>Masks to review, lowest predicted IoU first (at most the review limit).</summary>
    public IReadOnlyList<ReviewItem> Review { get; init; } = [];

    /// <summary>Review entries left out of <see cref="Review"/> by the limit.</summary>
    public int ReviewLeftOut { get; init; }

    /// <summary>
    /// The ids.json maps written (paths relative to the output folder), where MOTS or DAVIS could not
    /// keep the benchmark's ids; `render` and `eval` read them back. Null when none.
    /// </summary>
    public IReadOnlyList<string>? IdMaps { get; init; }
}
