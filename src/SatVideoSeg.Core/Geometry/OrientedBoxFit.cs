using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Geometry;

/// <summary>
/// Fits the minimum-area oriented box to a mask. Pure managed code (Core has no native code), so
/// instead of OpenCV's rotating calipers over the convex hull it tries headings in
/// <see cref="StepDegrees"/> steps over [0, 90) (a rectangle repeats every 90 degrees) and keeps the
/// one whose extents over the pixel centres give the smallest area. Each extent gets +1 px, the
/// width of a pixel, so an axis-aligned mask gets exactly its tight box (pixel edges, as
/// <see cref="BoxXyxy"/>). Small objects have few pixels, so the brute force is cheap.
/// </summary>
public static class OrientedBoxFit
{
    /// <summary>Heading step of the search, degrees; 0.5 degrees moves a 100 px box's end by under 1 px.</summary>
    public const double StepDegrees = 0.5;

    /// <summary>
    /// The minimum-area oriented box around the mask's pixels, heading along the longer side
    /// (Width &gt;= Height), angle in (-pi/2, pi/2].
    /// </summary>
    /// <exception cref="ArgumentException">The mask is empty.</exception>
    public static OrientedBox MinimumArea(BitMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var points = Centres(mask);
        if (points.Count == 0) throw new ArgumentException("cannot fit an oriented box to an empty mask", nameof(mask));
        OrientedBox best = default;
        double bestArea = double.PositiveInfinity;
        int steps = (int)Math.Round(90 / StepDegrees);
        for (int k = 0; k < steps; k++)
        {
            double angle = k * StepDegrees * Math.PI / 180;
            var box = Extents(points, angle);
            // Strictly smaller only: ties keep the smaller angle, so axis-aligned masks stay at 0.
            if (box.Area < bestArea - 1e-9) { best = box; bestArea = box.Area; }
        }
        return best.Width >= best.Height ? best : Normalise(best with { Width = best.Height, Height = best.Width, Angle = best.Angle + Math.PI / 2 });
    }

    private static OrientedBox Normalise(OrientedBox box)
    {
        double a = box.Angle;
        while (a > Math.PI / 2) a -= Math.PI;
        while (a <= -Math.PI / 2) a += Math.PI;
        return box with { Angle = a };
    }

    private static OrientedBox Extents(List<(double X, double Y)> points, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        double minA = double.PositiveInfinity, maxA = double.NegativeInfinity, minB = double.PositiveInfinity, maxB = double.NegativeInfinity;
        foreach (var (x, y) in points)
        {
            double a = x * c + y * s, b = -x * s + y * c;
            if (a < minA) minA = a;
            if (a > maxA) maxA = a;
            if (b < minB) minB = b;
            if (b > maxB) maxB = b;
        }
        double ma = (minA + maxA) / 2, mb = (minB + maxB) / 2;
        return new OrientedBox(ma * c - mb * s, ma * s + mb * c, maxA - minA + 1, maxB - minB + 1, angle);
    }

    private static List<(double X, double Y)> Centres(BitMask mask)
    {
        var r = mask.Rect;
        var points = new List<(double X, double Y)>();
        for (int y = 0; y < r.Height; y++)
            for (int x = 0; x < r.Width; x++)
                if (mask.Data[y * r.Width + x] != 0) points.Add((r.X + x + 0.5, r.Y + y + 0.5));
        return points;
    }
}
