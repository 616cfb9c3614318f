namespace SatVideoSeg.Core.Tracking;

/// <summary>What <see cref="MaskTrackLinker.Update"/> decided for one frame.</summary>
/// <param name="TrackIds">Per detection, in input order: its track id, or null when it was dropped (a predicted prompt whose mask failed the gate).</param>
/// <param name="Disagreements">Annotation ids that IoU linking would have linked otherwise.</param>
/// <param name="Started">Tracks started this frame.</param>
/// <param name="Refound">Lost tracks linked again this frame.</param>
/// <param name="Lost">Tracks that became lost this frame.</param>
/// <param name="Removed">Tracks removed this frame.</param>
public sealed record LinkerResult(
    IReadOnlyList<int?> TrackIds,
    IReadOnlyList<IdDisagreement> Disagreements,
    IReadOnlyList<int> Started,
    IReadOnlyList<int> Refound,
    IReadOnlyList<int> Lost,
    IReadOnlyList<int> Removed);
