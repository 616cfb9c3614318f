using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Tracking;

/// <summary>Where a live track is expected in a frame: its Kalman-predicted box, in the prompt's scale.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="AnnotationId">Its annotation id, where it has one.</param>
/// <param name="Class">Its class.</param>
/// <param name="Box">Predicted prompt box, frame pixels (not clipped to the frame).</param>
/// <param name="State">Its state before this frame's update.</param>
/// <param name="Memory">Segmenter state from its last mask, for the next prompt.</param>
/// <param name="CenterStd">Standard deviation (x, y) of the predicted centre, pixels: how far the object may be from the box.</param>
public sealed record TrackPrediction(int TrackId, int? AnnotationId, ObjectClass Class, BoxXyxy Box, TrackState State, MaskLogits? Memory, (double X, double Y) CenterStd);
