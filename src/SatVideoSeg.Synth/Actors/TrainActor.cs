using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// An articulated train: <see cref="CarCount"/> rectangular cars with small gaps, following the
/// curved track. The actor's arc length is the front of the locomotive; each car spans its own
/// stretch of track and is oriented along the chord between its ends (the local tangent), so the
/// train bends with the curve. All cars together form one instance.
/// </summary>
internal sealed class TrainActor(int trackId, Polyline path, double startArc, double speedPerFrame, int carCount, double carLength, double width, Bgr locomotive, Bgr wagon)
    : Actor(trackId, ObjectClass.Train, path, startArc, speedPerFrame)
{
    /// <summary>Gap between consecutive cars (couplings), in pixels.</summary>
    public const double Gap = 2;

    public int CarCount { get; } = carCount;

    public double CarLength { get; } = carLength;

    /// <summary>Front of the locomotive to the end of the last car, in pixels.</summary>
    public double TotalLength => CarCount * CarLength + (CarCount - 1) * Gap;

    /// <summary>The locomotive's pose: the reported heading of the train.</summary>
    public override Pose PoseAt(int frame) => CarPose(ArcAt(frame), 0).Pose;

    public override void AddParts(int frame, List<ShapePart> parts)
    {
        double front = ArcAt(frame), w = width / 2;
        for (int i = 0; i < CarCount; i++)
        {
            var (pose, chord) = CarPose(front, i);
            double h = chord / 2;
            if (i == 0)
            {
                // Locomotive: a tapered nose, with a light roof stripe.
                parts.Add(new ShapePart(pose.ToWorld((h, -0.5 * w), (h, 0.5 * w), (h - 2, w), (-h, w), (-h, -w), (h - 2, -w)), locomotive));
                parts.Add(new ShapePart(pose.Rectangle(-h + 1.5, h - 3, -0.35 * w, 0.35 * w), locomotive.Shift(40)));
            }
            else
            {
                parts.Add(new ShapePart(pose.Rectangle(-h, h, -w, w), wagon));
                parts.Add(new ShapePart(pose.Rectangle(-h + 1, h - 1, -0.5 * w, 0.5 * w), wagon.Shift(i % 2 == 0 ? 18 : -14)));
            }
        }
    }

    public override void DrawUnderlay(int frame, Canvas canvas, Backdrop backdrop) =>
        DrawShadow(frame, canvas, new Vec2(1.5, 1.5), 0.3);

    private (Pose Pose, double Chord) CarPose(double trainFront, int car)
    {
        double carFront = trainFront - car * (CarLength + Gap);
        Vec2 a = Path.PointAt(carFront), b = Path.PointAt(carFront - CarLength);
        var axis = a - b;
        return (new Pose(Vec2.Lerp(a, b, 0.5), axis.Angle), axis.Length);
    }
}
