using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// A road vehicle seen from above: a rectangular body of <see cref="Length"/> (8-14 px at
/// Jilin-1's ~0.9 m ground sampling) with a dark windscreen and rear window and a roof.
/// </summary>
internal sealed class CarActor(int trackId, Polyline path, double startArc, double speedPerFrame, double length, double width, Bgr paint)
    : Actor(trackId, ObjectClass.Car, path, startArc, speedPerFrame)
{
    private static readonly Bgr Glass = Bgr.FromRgb(30, 34, 42);

    public double Length { get; } = length;

    public double Width { get; } = width;

    public override void AddParts(int frame, List<ShapePart> parts)
    {
        var pose = PoseAt(frame);
        double l = Length, w = Width / 2;
        parts.Add(new ShapePart(pose.Rectangle(-0.5 * l, 0.5 * l, -w, w), paint));
        parts.Add(new ShapePart(pose.Rectangle(0.12 * l, 0.30 * l, -w + 0.6, w - 0.6), Glass));
        parts.Add(new ShapePart(pose.Rectangle(-0.40 * l, -0.28 * l, -w + 0.6, w - 0.6), Glass));
        parts.Add(new ShapePart(pose.Rectangle(-0.26 * l, 0.10 * l, -w + 0.8, w - 0.8), paint.Shift(12)));
    }

    public override void DrawUnderlay(int frame, Canvas canvas, Backdrop backdrop) =>
        DrawShadow(frame, canvas, new Vec2(1, 1), 0.3);
}
