using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// A ship seen from above: a hull with a pointed bow and square stern, a deck, a superstructure
/// near the stern and, on larger ones, cargo blocks. Moving ships leave a bright V-shaped
/// (Kelvin) wake and a turbulent trail behind them, drawn on the water but never in the mask.
/// </summary>
internal sealed class ShipActor(int trackId, Polyline path, double startArc, double speedPerFrame, double length, double beam, Bgr hull, Bgr cargo)
    : Actor(trackId, ObjectClass.Ship, path, startArc, speedPerFrame)
{
    // Half-angle of a Kelvin wake: asin(1/3), about 19.47 degrees, for any ship speed in deep water.
    private static readonly double KelvinTangent = Math.Tan(Math.Asin(1.0 / 3));
    private static readonly Bgr Foam = Bgr.FromRgb(226, 234, 236);

    public double Length { get; } = length;

    public double Beam { get; } = beam;

    public override void AddParts(int frame, List<ShapePart> parts)
    {
        var pose = PoseAt(frame);
        double l = Length, b = Beam / 2;
        parts.Add(new ShapePart(pose.ToWorld(
            (0.5 * l, 0), (0.28 * l, b), (-0.47 * l, b), (-0.5 * l, 0.8 * b), (-0.5 * l, -0.8 * b), (-0.47 * l, -b), (0.28 * l, -b)), hull));
        parts.Add(new ShapePart(pose.ToWorld(
            (0.42 * l, 0), (0.26 * l, 0.6 * b), (-0.44 * l, 0.6 * b), (-0.44 * l, -0.6 * b), (0.26 * l, -0.6 * b)), hull.Shift(30)));
        if (l >= 32)
        {
            for (double f = -0.22 * l; f < 0.18 * l; f += 0.1 * l)
                parts.Add(new ShapePart(pose.Rectangle(f, f + 0.08 * l, -0.5 * b, 0.5 * b), cargo));
        }
        parts.Add(new ShapePart(pose.Rectangle(-0.44 * l, -0.30 * l, -0.7 * b, 0.7 * b), Bgr.FromRgb(232, 232, 228)));
    }

    public override void DrawUnderlay(int frame, Canvas canvas, Backdrop backdrop)
    {
        if (SpeedPerFrame < 0.05) return;
        var pose = PoseAt(frame);
        // Backwards from the stern: local +forward of this pose points along the wake.
        var stern = new Pose(pose.ToWorld(-0.5 * Length, 0), pose.Heading + Math.PI);
        double wake = Length * (1.0 + 1.5 * Math.Min(SpeedPerFrame, 1.5));
        double b = Beam / 2;
        // Three segments per arm, fading with distance like real foam.
        double[] alphas = [0.6, 0.4, 0.2];
        for (int k = 0; k < alphas.Length; k++)
        {
            double f0 = wake * k / alphas.Length, f1 = wake * (k + 1) / alphas.Length;
            double width = 1.0 + 0.8 * k;
            foreach (double side in (ReadOnlySpan<double>)[1, -1])
            {
                double s0 = b * 0.8 + f0 * KelvinTangent, s1 = b * 0.8 + f1 * KelvinTangent;
                canvas.Fill(stern.ToWorld((f0, side * s0), (f1, side * s1), (f1, side * (s1 + width)), (f0, side * (s0 + width))), Foam, alphas[k], backdrop.Water);
            }
            // The propeller trail: a turbulent strip about as wide as the hull, widening slowly.
            double t0 = b * (0.7 + 0.3 * k), t1 = b * (1.0 + 0.3 * k);
            canvas.Fill(stern.ToWorld((f0, -t0), (f1, -t1), (f1, t1), (f0, t0)), Foam, alphas[k] * 0.4, backdrop.Water);
        }
        // Bow wave: short bright whiskers from the bow.
        var bow = new Pose(pose.ToWorld(0.45 * Length, 0), pose.Heading + Math.PI);
        double bowLength = 0.35 * Length;
        foreach (double side in (ReadOnlySpan<double>)[1, -1])
            canvas.Fill(bow.ToWorld((0, 0), (bowLength, side * (b + bowLength * 0.4)), (bowLength, side * (b + bowLength * 0.4 + 1.2)), (0, side * 1.2)), Foam, 0.45, backdrop.Water);
    }
}
