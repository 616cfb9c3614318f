namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Everything a report page shows, independent of the job that produced it (segment now, convert
/// later): settings, pictures, the overlay video and per-track series with their crops.
/// </summary>
public sealed record HtmlReport
{
    /// <summary>Page heading.</summary>
    public required string Title { get; init; }

    /// <summary>Line under the heading (tool, time).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Inputs and settings, as rows of name and value.</summary>
    public IReadOnlyList<(string Name, string Value)> Settings { get; init; } = [];

    /// <summary>Path of the overlay video (embedded when small, else linked relatively); null = none.</summary>
    public string? OverlayVideo { get; init; }

    /// <summary>
    /// Where <see cref="OverlayVideo"/> will be once the run's outputs are published
    /// (<see cref="Common.StagedOutputs"/>): what a linked video points to; null = <see cref="OverlayVideo"/>.
    /// </summary>
    public string? OverlayVideoPublishedAs { get; init; }

    /// <summary>A representative overlay frame as PNG; null = none.</summary>
    public byte[]? StillPng { get; init; }

    /// <summary>The contact sheet as PNG; null = none.</summary>
    public byte[]? ContactSheetPng { get; init; }

    /// <summary>First and last 0-based frame of the video (the shared x axis of the plots).</summary>
    public (int First, int Last) FrameRange { get; init; }

    /// <summary>The tracks, in any order (the page puts flagged ones first).</summary>
    public IReadOnlyList<ReportTrack> Tracks { get; init; } = [];

    /// <summary>
    /// Tracks shown in full (card with crops and plots), in <see cref="ReportTracks.PageOrder"/>;
    /// the rest are rows of one table, so the page stays readable and its size bounded.
    /// </summary>
    public int MaxTracksInFull { get; init; } = ReportTracks.DefaultMaxInFull;

    /// <summary>The raw run record (run.json) shown folded at the end; null = none.</summary>
    public string? RawJson { get; init; }
}
