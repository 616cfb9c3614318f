namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Life cycle of a <see cref="MaskTrack"/> (ByteTrack's states):
/// Tentative --(MinHits matches)--> Confirmed --(a frame unmatched)--> Lost --(matched again)--> Confirmed;
/// Lost --(LostBuffer frames unmatched)--> Removed; Tentative --(a frame unmatched)--> Removed.
/// </summary>
public enum TrackState
{
    /// <summary>Just started from an unannotated detection; not yet seen often enough to trust.</summary>
    Tentative,

    /// <summary>Matched in its last frame (or started from an annotated box).</summary>
    Confirmed,

    /// <summary>Unmatched for at most the lost buffer; coasts on its Kalman prediction and may be re-linked.</summary>
    Lost,

    /// <summary>Finished; never matched again.</summary>
    Removed,
}
