namespace SatVideoSeg.Pipeline.Reports;

/// <summary>One track on a report page.</summary>
/// <param name="Series">Its time series.</param>
/// <param name="StripPng">Zoomed crops in a row, as PNG (null = none).</param>
/// <param name="StripFrames">0-based frames of the crops, left to right.</param>
/// <param name="Summary">Short facts shown next to the id (frames, mean IoU, ...).</param>
public sealed record ReportTrack(TrackSeries Series, byte[]? StripPng, IReadOnlyList<int> StripFrames, IReadOnlyList<string> Summary)
{
    /// <summary>Why to review it (from <see cref="ReviewRules"/>); empty = looks fine.</summary>
    public IReadOnlyList<string> Flags { get; init; } = ReviewRules.Reasons(Series);
}
