using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>One annotated object in one frame of a benchmark sequence.</summary>
/// <param name="FrameIndex">0-based frame index (benchmark files are 1-based; readers convert).</param>
/// <param name="TrackId">The benchmark's object id (1 for single-object sequences).</param>
/// <param name="Class">Coarse class (airplane, ship, train, car; Unknown when the source has none).</param>
/// <param name="Box">Axis-aligned box in frame pixels (for oriented sources: the enclosing box).</param>
public sealed record BenchmarkBox(int FrameIndex, int TrackId, ObjectClass Class, BoxXyxy Box)
{
    /// <summary>The benchmark's fine class code where it has one (SAT-MTB <c>&lt;name&gt;</c>), else null.</summary>
    public string? FineClass { get; init; }

    /// <summary>Oriented box corners x1,y1,x2,y2,x3,y3,x4,y4 in frame pixels (OOTB, SAT-MTB OBB), else null.</summary>
    public IReadOnlyList<double>? Corners { get; init; }

    /// <summary>Orientation of the oriented box in degrees: the angle of the edge from corner 1 to corner 2, atan2(dy, dx), image axes; null when the source has none.</summary>
    public double? AngleDegrees =>
        Corners is { Count: 8 } c ? Math.Round(Math.Atan2(c[3] - c[1], c[2] - c[0]) * 180 / Math.PI, 3) : null;

    /// <summary>The box enclosing four corners (x1,y1..x4,y4).</summary>
    public static BoxXyxy Enclosing(IReadOnlyList<double> corners)
    {
        if (corners.Count != 8) throw new ArgumentException($"an oriented box has 8 values (x1,y1..x4,y4), got {corners.Count}");
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        for (int k = 0; k < 8; k += 2)
        {
            x0 = Math.Min(x0, corners[k]);
            x1 = Math.Max(x1, corners[k]);
            y0 = Math.Min(y0, corners[k + 1]);
            y1 = Math.Max(y1, corners[k + 1]);
        }
        return new BoxXyxy(x0, y0, x1, y1);
    }
}
