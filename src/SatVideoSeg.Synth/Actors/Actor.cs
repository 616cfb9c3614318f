using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// A moving object of the synthetic video. Every actor travels along its <see cref="Path"/> at a
/// constant speed, so the path's curvature is its (slight) turning and its heading is always the
/// direction of motion. At frame t it is at arc length <c>StartArc + SpeedPerFrame * t</c>.
/// </summary>
internal abstract class Actor(int trackId, ObjectClass objectClass, Polyline path, double startArc, double speedPerFrame)
{
    /// <summary>1-based track id, unique in the video.</summary>
    public int TrackId { get; } = trackId;

    public ObjectClass Class { get; } = objectClass;

    public Polyline Path { get; } = path;

    /// <summary>Arc length (pixels along <see cref="Path"/>) at frame 0; may be negative (not yet arrived).</summary>
    public double StartArc { get; } = startArc;

    /// <summary>Speed in pixels per frame.</summary>
    public double SpeedPerFrame { get; } = speedPerFrame;

    /// <summary>Arc length reached at a frame.</summary>
    public double ArcAt(int frame) => StartArc + SpeedPerFrame * frame;

    /// <summary>Position and heading at a frame.</summary>
    public virtual Pose PoseAt(int frame)
    {
        double s = ArcAt(frame);
        return new Pose(Path.PointAt(s), Path.HeadingAt(s));
    }

    /// <summary>Appends the body's parts at a frame, in drawing order (later parts cover earlier ones).</summary>
    public abstract void AddParts(int frame, List<ShapePart> parts);

    /// <summary>
    /// Draws what belongs to the object's appearance but not to its mask (cast shadows, wakes).
    /// Called for all objects before any body is drawn, so it never covers another object.
    /// </summary>
    public virtual void DrawUnderlay(int frame, Canvas canvas, Backdrop backdrop)
    {
    }

    /// <summary>Draws the body's parts shifted by an offset as a translucent dark shadow (sun in the north-west).</summary>
    protected void DrawShadow(int frame, Canvas canvas, Vec2 offset, double alpha)
    {
        var parts = new List<ShapePart>();
        AddParts(frame, parts);
        var shade = Bgr.FromRgb(8, 10, 12);
        foreach (var part in parts)
        {
            var moved = new Vec2[part.Polygon.Length];
            for (int i = 0; i < moved.Length; i++) moved[i] = part.Polygon[i] + offset;
            canvas.Fill(moved, shade, alpha);
        }
    }
}
