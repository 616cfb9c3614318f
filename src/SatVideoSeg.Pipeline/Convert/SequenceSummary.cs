namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// What converting one sequence produced; written last as its done marker
/// (<c>status/&lt;seq&gt;.json</c>) so a re-run skips it, and aggregated into report.json.
/// </summary>
public sealed record SequenceSummary
{
    /// <summary>Sequence name.</summary>
    public required string Name { get; init; }

    /// <summary>The options that decide the output bytes; a re-run with other settings must not mix outputs.</summary>
    public required string Settings { get; init; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Frames converted.</summary>
    public int Frames { get; init; }

    /// <summary>Object-frames with a non-empty mask.</summary>
    public int ObjectFrames { get; init; }

    /// <summary>Whether the DAVIS output uses 16-bit MOTS PNGs (more than 254 objects).</summary>
    public bool SixteenBitPng { get; init; }

    /// <summary>
    /// ids.json files written for this sequence (paths relative to the output folder): where MOTS or
    /// DAVIS ids are not the benchmark's; null when none.
    /// </summary>
    public IReadOnlyList<string>? IdMaps { get; init; }

    /// <summary>The objects, by output id.</summary>
    public IReadOnlyList<ObjectSummary> Objects { get; init; } = [];

    /// <summary>Quality flags: counts of boxes clipped to the frame, boxes outside it, boxes past the last frame, empty masks, review entries.</summary>
    public IReadOnlyDictionary<string, int> Flags { get; init; } = new Dictionary<string, int>();

    /// <summary>Frame files found cut short and skipped or used (--damaged-frames); also counted in <see cref="Flags"/>.</summary>
    public IReadOnlyList<Common.DamagedFrameEntry> DamagedFrames { get; init; } = [];

    /// <summary>Masks to look at.</summary>
    public IReadOnlyList<ReviewItem> Review { get; init; } = [];
}
