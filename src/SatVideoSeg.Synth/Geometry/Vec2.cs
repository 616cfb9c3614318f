namespace SatVideoSeg.Synth.Geometry;

/// <summary>
/// A point or direction in frame pixel-edge coordinates: x grows to the right, y grows downwards,
/// so pixel (col j, row i) has its centre at (j + 0.5, i + 0.5).
/// </summary>
internal readonly record struct Vec2(double X, double Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator *(Vec2 a, double k) => new(a.X * k, a.Y * k);

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>Angle from +x towards +y (clockwise on screen), radians in (-pi, pi].</summary>
    public double Angle => Math.Atan2(Y, X);

    /// <summary>
    /// The direction rotated a quarter turn towards +y: for a direction of travel this points to the
    /// traveller's right-hand side as seen on screen (y down).
    /// </summary>
    public Vec2 RightNormal => new(-Y, X);

    /// <summary>The unit vector of this direction ((1, 0) for a zero vector, so callers never divide by zero).</summary>
    public Vec2 Normalized()
    {
        double length = Length;
        return length > 1e-12 ? new Vec2(X / length, Y / length) : new Vec2(1, 0);
    }

    /// <summary>The unit vector at an angle measured like <see cref="Angle"/>.</summary>
    public static Vec2 FromAngle(double angle) => new(Math.Cos(angle), Math.Sin(angle));

    /// <summary>Linear interpolation between two points.</summary>
    public static Vec2 Lerp(Vec2 a, Vec2 b, double t) => new(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);
}
