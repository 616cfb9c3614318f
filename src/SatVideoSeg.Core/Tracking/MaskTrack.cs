using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// One object followed by a <see cref="MaskTrackLinker"/>: its id, state, Kalman belief (in
/// prompt-box space: the boxes the segmenter is prompted with), and last mask. Owned and changed
/// only by its linker; callers read it.
/// </summary>
public sealed class MaskTrack
{
    internal MaskTrack(int id, int? annotationId, ObjectClass cls, KalmanState kalman, int frameIndex, TrackState state)
    {
        Id = id;
        AnnotationId = annotationId;
        Class = cls;
        Kalman = kalman;
        KalmanFrame = frameIndex;
        FirstFrame = frameIndex;
        LastUpdateFrame = frameIndex;
        State = state;
        LastCenter = (kalman.CenterX, kalman.CenterY);
    }

    /// <summary>The track id (the annotation's id where there is one).</summary>
    public int Id { get; }

    /// <summary>The annotation's object id, where the track came from an annotated id.</summary>
    public int? AnnotationId { get; }

    /// <summary>Object class.</summary>
    public ObjectClass Class { get; internal set; }

    /// <summary>Life-cycle state.</summary>
    public TrackState State { get; internal set; }

    /// <summary>Kalman belief at frame <see cref="KalmanFrame"/>.</summary>
    public KalmanState Kalman { get; internal set; }

    /// <summary>The 0-based frame <see cref="Kalman"/> refers to.</summary>
    public int KalmanFrame { get; internal set; }

    /// <summary>First frame (0-based) the track was linked in.</summary>
    public int FirstFrame { get; }

    /// <summary>Last frame (0-based) a detection was linked to the track.</summary>
    public int LastUpdateFrame { get; internal set; }

    /// <summary>Frames a detection was linked to the track.</summary>
    public int Hits { get; internal set; } = 1;

    /// <summary>The last linked mask (null before the first one).</summary>
    public BitMask? LastMask { get; internal set; }

    /// <summary>Kalman centre right after the last update: the last mask is shifted from here to the prediction.</summary>
    public (double X, double Y) LastCenter { get; internal set; }

    /// <summary>
    /// Annotated-box / mask-box size ratio (x, y) learnt on the last annotated frame: a mask of a
    /// predicted prompt is scaled by it to measure in prompt space, so that a segmenter returning
    /// masks tighter than the annotation's boxes does not shrink the prompts frame after frame.
    /// </summary>
    public (double X, double Y) PromptScale { get; internal set; } = (1, 1);

    /// <summary>Size (w, h) of the last annotated box linked to the track; null when it never had one.</summary>
    public (double W, double H)? AnnotatedSize { get; internal set; }

    /// <summary>Whether the last annotated box touched the frame's edge along x and y (the object was partly outside).</summary>
    public (bool X, bool Y) AnnotatedAtEdge { get; internal set; }

    /// <summary>Segmenter state from the last mask, for the next prompt.</summary>
    public MaskLogits? Memory { get; internal set; }

    /// <summary>The box of the current Kalman mean.</summary>
    public BoxXyxy PredictedBox => KalmanBoxFilter.ToBox(Kalman);
}
