namespace SatVideoSeg.Synth.Geometry;

/// <summary>
/// A path through the frame parameterised by arc length (pixels). Roads, lanes, rail tracks and
/// the trajectories of moving objects are all polylines, so motion is "distance along a path" and
/// the heading is always the path tangent. Beyond either end the path continues straight, so an
/// object can be placed before its path starts or after it ends (off screen) without special cases.
/// </summary>
internal sealed class Polyline
{
    private readonly Vec2[] _points;
    private readonly double[] _arc;

    public Polyline(IEnumerable<Vec2> points)
    {
        // Repeated points would give zero-length segments with no direction.
        var kept = new List<Vec2>();
        foreach (var p in points)
        {
            if (kept.Count == 0 || (p - kept[^1]).Length > 1e-9) kept.Add(p);
        }
        if (kept.Count < 2) throw new ArgumentException($"a polyline needs at least two distinct points, got {kept.Count}");
        _points = [.. kept];
        _arc = new double[_points.Length];
        for (int i = 1; i < _points.Length; i++) _arc[i] = _arc[i - 1] + (_points[i] - _points[i - 1]).Length;
    }

    /// <summary>Total arc length in pixels.</summary>
    public double Length => _arc[^1];

    /// <summary>The point at arc length <paramref name="s"/> (extrapolated straight beyond the ends).</summary>
    public Vec2 PointAt(double s)
    {
        if (s <= 0) return _points[0] + SegmentDirection(0) * s;
        if (s >= Length) return _points[^1] + SegmentDirection(_points.Length - 2) * (s - Length);
        int i = Array.BinarySearch(_arc, s);
        if (i < 0) i = ~i - 1;
        i = Math.Clamp(i, 0, _points.Length - 2);
        double t = (s - _arc[i]) / (_arc[i + 1] - _arc[i]);
        return Vec2.Lerp(_points[i], _points[i + 1], t);
    }

    /// <summary>The tangent angle at arc length <paramref name="s"/>, smoothed over a few pixels so corners of the sampling do not jitter.</summary>
    public double HeadingAt(double s) => (PointAt(s + 1.5) - PointAt(s - 1.5)).Angle;

    /// <summary>The same path walked in the opposite direction.</summary>
    public Polyline Reversed() => new(_points.Reverse());

    /// <summary>A parallel path shifted <paramref name="offset"/> pixels to the right-hand side (negative: left).</summary>
    public Polyline Offset(double offset, double step = 2)
    {
        int n = Math.Max(2, (int)Math.Ceiling(Length / step) + 1);
        var points = new Vec2[n];
        for (int i = 0; i < n; i++)
        {
            double s = Length * i / (n - 1);
            points[i] = PointAt(s) + Vec2.FromAngle(HeadingAt(s)).RightNormal * offset;
        }
        return new Polyline(points);
    }

    /// <summary>
    /// A polygon covering the band between side offsets <paramref name="side0"/> and
    /// <paramref name="side1"/> for arc lengths [s0, s1]: strokes, dashes, roads and rails.
    /// </summary>
    public Vec2[] Band(double s0, double s1, double side0, double side1, double step = 2)
    {
        int n = Math.Max(2, (int)Math.Ceiling((s1 - s0) / step) + 1);
        var polygon = new Vec2[2 * n];
        for (int i = 0; i < n; i++)
        {
            double s = s0 + (s1 - s0) * i / (n - 1);
            var p = PointAt(s);
            var right = Vec2.FromAngle(HeadingAt(s)).RightNormal;
            polygon[i] = p + right * side0;
            polygon[2 * n - 1 - i] = p + right * side1;
        }
        return polygon;
    }

    /// <summary>
    /// The first and last arc length at which the path is inside the frame [0, width) x [0, height),
    /// or null when it never is. Sampled every pixel, which is finer than any object moves per frame.
    /// </summary>
    public (double Enter, double Exit)? InsideRange(int width, int height)
    {
        double enter = double.NaN, exit = double.NaN;
        for (double s = 0; s <= Length; s += 1)
        {
            var p = PointAt(s);
            if (p.X < 0 || p.Y < 0 || p.X >= width || p.Y >= height) continue;
            if (double.IsNaN(enter)) enter = s;
            exit = s;
        }
        return double.IsNaN(enter) ? null : (enter, exit);
    }

    /// <summary>A path of constant curvature: starts at <paramref name="start"/> facing <paramref name="heading"/> and turns <paramref name="turnPerPixel"/> radians per pixel travelled.</summary>
    public static Polyline Arc(Vec2 start, double heading, double turnPerPixel, double length, double step = 2)
    {
        int n = Math.Max(2, (int)Math.Ceiling(length / step) + 1);
        var points = new Vec2[n];
        points[0] = start;
        double ds = length / (n - 1);
        for (int i = 1; i < n; i++)
        {
            // Midpoint heading of the step keeps the sampled curve on the true circle.
            double mid = heading + turnPerPixel * ds * (i - 0.5);
            points[i] = points[i - 1] + Vec2.FromAngle(mid) * ds;
        }
        return new Polyline(points);
    }

    /// <summary>A smooth Catmull-Rom curve through the control points (the ends are passed through too).</summary>
    public static Polyline CatmullRom(IReadOnlyList<Vec2> controls, int samplesPerSegment = 24)
    {
        if (controls.Count < 2) throw new ArgumentException($"a spline needs at least two control points, got {controls.Count}");
        var points = new List<Vec2>();
        for (int i = 0; i + 1 < controls.Count; i++)
        {
            Vec2 p0 = controls[Math.Max(0, i - 1)], p1 = controls[i], p2 = controls[i + 1], p3 = controls[Math.Min(controls.Count - 1, i + 2)];
            for (int k = 0; k < samplesPerSegment; k++)
            {
                double t = (double)k / samplesPerSegment, t2 = t * t, t3 = t2 * t;
                // Uniform Catmull-Rom basis (tension 0.5).
                double x = 0.5 * (2 * p1.X + (-p0.X + p2.X) * t + (2 * p0.X - 5 * p1.X + 4 * p2.X - p3.X) * t2 + (-p0.X + 3 * p1.X - 3 * p2.X + p3.X) * t3);
                double y = 0.5 * (2 * p1.Y + (-p0.Y + p2.Y) * t + (2 * p0.Y - 5 * p1.Y + 4 * p2.Y - p3.Y) * t2 + (-p0.Y + 3 * p1.Y - 3 * p2.Y + p3.Y) * t3);
                points.Add(new Vec2(x, y));
            }
        }
        points.Add(controls[^1]);
        return new Polyline(points);
    }

    /// <summary>Samples a parametric curve f(t) for t in [t0, t1].</summary>
    public static Polyline Sample(Func<double, Vec2> curve, double t0, double t1, int samples)
    {
        var points = new Vec2[Math.Max(2, samples)];
        for (int i = 0; i < points.Length; i++) points[i] = curve(t0 + (t1 - t0) * i / (points.Length - 1));
        return new Polyline(points);
    }

    private Vec2 SegmentDirection(int segment) => (_points[segment + 1] - _points[segment]).Normalized();
}
