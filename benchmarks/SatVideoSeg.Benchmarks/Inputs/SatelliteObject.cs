using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Benchmarks.Inputs;

/// <summary>
/// An elongated object seen from above (a vehicle or a ship): an ellipse of <paramref name="Length"/>
/// by <paramref name="Breadth"/> frame pixels, centred at (<paramref name="CenterX"/>, <paramref name="CenterY"/>),
/// its long axis turned <paramref name="Heading"/> radians from the x axis.
/// </summary>
internal readonly record struct SatelliteObject(double CenterX, double CenterY, double Length, double Breadth, double Heading)
{
    /// <summary>An object of the given length at a random place and heading, wholly inside the frame.</summary>
    public static SatelliteObject Place(Random random, int length)
    {
        // Breadth half the length: roughly a car's or a ship's outline at satellite-video resolution.
        double margin = length;
        double x = margin + random.NextDouble() * (BenchmarkScene.FrameWidth - 2 * margin);
        double y = margin + random.NextDouble() * (BenchmarkScene.FrameHeight - 2 * margin);
        return new SatelliteObject(x, y, length, length / 2.0, random.NextDouble() * Math.PI);
    }

    /// <summary>The same object moved by (dx, dy) pixels, as it appears a frame later.</summary>
    public SatelliteObject Moved(double dx, double dy) => this with { CenterX = CenterX + dx, CenterY = CenterY + dy };

    /// <summary>The axis-aligned box around the turned ellipse (its extremes along x and y).</summary>
    public BoxXyxy Box
    {
        get
        {
            double a = Length / 2, b = Breadth / 2, c = Math.Cos(Heading), s = Math.Sin(Heading);
            double halfWidth = Math.Sqrt(a * a * c * c + b * b * s * s);
            double halfHeight = Math.Sqrt(a * a * s * s + b * b * c * c);
            return new BoxXyxy(CenterX - halfWidth, CenterY - halfHeight, CenterX + halfWidth, CenterY + halfHeight);
        }
    }

    /// <summary>Elliptic distance of a frame point from the centre: below 1 inside, 1 on the outline.</summary>
    public double Distance(double x, double y)
    {
        double dx = x - CenterX, dy = y - CenterY, c = Math.Cos(Heading), s = Math.Sin(Heading);
        double along = (dx * c + dy * s) / (Length / 2);
        double across = (-dx * s + dy * c) / (Breadth / 2);
        return Math.Sqrt(along * along + across * across);
    }

    /// <summary>The pixels whose centres lie inside the ellipse, stored in their tight rectangle as the pipeline stores masks.</summary>
    public BitMask ToMask()
    {
        var rect = Box.ToPixelRect().Intersect(new PixelRect(0, 0, BenchmarkScene.FrameWidth, BenchmarkScene.FrameHeight));
        var data = new byte[rect.Area];
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
                if (Distance(rect.X + x + 0.5, rect.Y + y + 0.5) <= 1) data[y * rect.Width + x] = 1;
        return new BitMask(BenchmarkScene.FrameWidth, BenchmarkScene.FrameHeight, rect, data).Trim();
    }
}
