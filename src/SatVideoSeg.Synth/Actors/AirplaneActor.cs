using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// An airliner seen from above: fuselage, swept wings (span about 0.96 of the length, like an
/// A320 or B737), tail plane and, on larger ones, engine pods. Proportions are fractions of
/// <see cref="Length"/>, nose-to-tail in pixels.
/// </summary>
internal sealed class AirplaneActor(int trackId, Polyline path, double startArc, double speedPerFrame, double length, Bgr body, Bgr tail)
    : Actor(trackId, ObjectClass.Airplane, path, startArc, speedPerFrame)
{
    public double Length { get; } = length;

    public override void AddParts(int frame, List<ShapePart> parts)
    {
        var pose = PoseAt(frame);
        double l = Length;
        // Small planes would lose a thin fuselage to the pixel-centre rule; keep it at least 2 px wide.
        double halfBody = Math.Max(0.045 * l, 1.0);
        var wing = body.Shift(-26);
        foreach (double side in (ReadOnlySpan<double>)[1, -1])
        {
            parts.Add(new ShapePart(pose.ToWorld(
                (0.10 * l, side * halfBody), (-0.16 * l, side * 0.48 * l), (-0.24 * l, side * 0.48 * l), (-0.10 * l, side * halfBody)), wing));
            parts.Add(new ShapePart(pose.ToWorld(
                (-0.33 * l, side * halfBody * 0.7), (-0.44 * l, side * 0.17 * l), (-0.48 * l, side * 0.17 * l), (-0.44 * l, side * halfBody * 0.7)), wing.Shift(8)));
            if (l >= 30)
            {
                parts.Add(new ShapePart(pose.Rectangle(-0.05 * l, 0.07 * l, side * 0.17 * l, side * 0.23 * l), body.Shift(-50)));
            }
        }
        parts.Add(new ShapePart(pose.ToWorld(
            (0.5 * l, 0), (0.44 * l, halfBody), (-0.40 * l, halfBody), (-0.5 * l, halfBody * 0.35),
            (-0.5 * l, -halfBody * 0.35), (-0.40 * l, -halfBody), (0.44 * l, -halfBody)), body));
        // Tail fin seen from above: a coloured stripe on the rear fuselage (the airline livery).
        parts.Add(new ShapePart(pose.Rectangle(-0.49 * l, -0.36 * l, -halfBody * 0.4, halfBody * 0.4), tail));
        if (l >= 40)
        {
            parts.Add(new ShapePart(pose.Rectangle(0.42 * l, 0.46 * l, -halfBody * 0.6, halfBody * 0.6), Bgr.FromRgb(40, 44, 52)));
        }
    }

    public override void DrawUnderlay(int frame, Canvas canvas, Backdrop backdrop) =>
        DrawShadow(frame, canvas, new Vec2(1 + 0.05 * Length, 1 + 0.05 * Length), 0.35);
}
