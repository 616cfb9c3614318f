namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// A frame where the annotation's id and the IoU linking disagree (the annotation wins).
/// </summary>
/// <param name="FrameIndex">0-based frame.</param>
/// <param name="AnnotationId">The id the annotation gives the box.</param>
/// <param name="LinkedTrackId">The track IoU linking would have continued; null when it would start a new track.</param>
/// <param name="Reason">"switch" (linking picks another track), "new" (no track passes the gate, yet the annotation continues one), "continue" (the annotation starts a new id, linking would continue a track).</param>
public sealed record IdDisagreement(int FrameIndex, int AnnotationId, int? LinkedTrackId, string Reason);
