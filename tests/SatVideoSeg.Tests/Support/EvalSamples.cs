using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// A small hand-worked MOTS pair on a 16x12 frame, 4 frames (see EvalJobTests for the numbers):
/// an airplane (2x2) whose prediction switches id after frame 1, a one-pixel car tracked exactly,
/// and a one-pixel predicted ship in frame 0 that has no ground truth.
/// </summary>
public static class EvalSamples
{
    public const int Width = 16, Height = 12;

    private static BitMask Plane() => TestFrames.FromArt(Width, Height, 2, 2, "##", "##");

    private static BitMask Car() => TestFrames.FromArt(Width, Height, 10, 8, "#");

    public static (string Gt, string Pred) WriteIdSwitchPair(string folder)
    {
        var gt = TestMots.Write(Path.Combine(folder, "gt.mots.txt"),
            (0, 1, ObjectClass.Airplane, Plane()), (0, 1, ObjectClass.Car, Car()),
            (1, 1, ObjectClass.Airplane, Plane()), (1, 1, ObjectClass.Car, Car()),
            (2, 1, ObjectClass.Airplane, Plane()), (2, 1, ObjectClass.Car, Car()),
            (3, 1, ObjectClass.Airplane, Plane()), (3, 1, ObjectClass.Car, Car()));
        var pred = TestMots.Write(Path.Combine(folder, "pred.mots.txt"),
            (0, 1, ObjectClass.Airplane, Plane()), (0, 1, ObjectClass.Car, Car()), (0, 1, ObjectClass.Ship, TestFrames.FromArt(Width, Height, 12, 2, "#")),
            (1, 1, ObjectClass.Airplane, Plane()), (1, 1, ObjectClass.Car, Car()),
            (2, 2, ObjectClass.Airplane, Plane()), (2, 1, ObjectClass.Car, Car()),
            (3, 2, ObjectClass.Airplane, Plane()), (3, 1, ObjectClass.Car, Car()));
        return (gt, pred);
    }
}
