namespace SatVideoSeg.Core.Geometry;

/// <summary>
/// A rotated rectangle in frame pixels (pixel-edge coordinates, y down, as <see cref="BoxXyxy"/>):
/// centre, <see cref="Width"/> along the heading <see cref="Angle"/>, <see cref="Height"/> across it.
/// The heading is atan2(dy, dx) in radians, the convention of SynthObject.Angle, so with y down a
/// positive angle turns clockwise on screen. OOTB and SAT-MTB annotate objects this way.
/// </summary>
/// <param name="CenterX">Centre x, pixels.</param>
/// <param name="CenterY">Centre y, pixels.</param>
/// <param name="Width">Extent along the heading, pixels (not negative).</param>
/// <param name="Height">Extent across the heading, pixels (not negative).</param>
/// <param name="Angle">Heading in radians, atan2(dy, dx).</param>
public readonly record struct OrientedBox(double CenterX, double CenterY, double Width, double Height, double Angle)
{
    /// <summary>Unit vector along the heading (the <see cref="Width"/> axis).</summary>
    public (double X, double Y) Along => (Math.Cos(Angle), Math.Sin(Angle));

    /// <summary>Unit vector across the heading (the <see cref="Height"/> axis), the heading turned +90 degrees.</summary>
    public (double X, double Y) Across => (-Math.Sin(Angle), Math.Cos(Angle));

    /// <summary>Area in square pixels.</summary>
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>
    /// The four corners in order: back-left, front-left, front-right, back-right, i.e.
    /// centre + (-W/2, -H/2), (+W/2, -H/2), (+W/2, +H/2), (-W/2, +H/2) in (along, across) units.
    /// </summary>
    public (double X, double Y)[] Corners()
    {
        var (ux, uy) = Along;
        var (vx, vy) = Across;
        double hw = Width / 2, hh = Height / 2, cx = CenterX, cy = CenterY;
        (double, double) At(double a, double b) => (cx + a * ux + b * vx, cy + a * uy + b * vy);
        return [At(-hw, -hh), At(hw, -hh), At(hw, hh), At(-hw, hh)];
    }

    /// <summary>
    /// True when (x, y) lies inside or on the edge (within <paramref name="tolerance"/> pixels):
    /// the point's projections on both axes fall within the half extents.
    /// </summary>
    public bool Contains(double x, double y, double tolerance = 1e-9)
    {
        double dx = x - CenterX, dy = y - CenterY;
        var (ux, uy) = Along;
        var (vx, vy) = Across;
        return Math.Abs(dx * ux + dy * uy) <= Width / 2 + tolerance
            && Math.Abs(dx * vx + dy * vy) <= Height / 2 + tolerance;
    }

    /// <summary>The smallest axis-aligned box holding the four corners.</summary>
    public BoxXyxy EnclosingBox()
    {
        // Half extents of a rotated rectangle: |W/2 cos| + |H/2 sin| in x, |W/2 sin| + |H/2 cos| in y.
        double c = Math.Abs(Math.Cos(Angle)), s = Math.Abs(Math.Sin(Angle));
        double ex = Width / 2 * c + Height / 2 * s;
        double ey = Width / 2 * s + Height / 2 * c;
        return new BoxXyxy(CenterX - ex, CenterY - ey, CenterX + ex, CenterY + ey);
    }

    /// <summary>
    /// The point at fraction <paramref name="t"/> (0 = one end, 1 = the other) of the major axis,
    /// the centre line along the longer side (the heading when Width &gt;= Height).
    /// </summary>
    public (double X, double Y) AlongMajorAxis(double t)
    {
        var (ax, ay) = Width >= Height ? Along : Across;
        double half = Math.Max(Width, Height) / 2;
        double a = (2 * t - 1) * half;
        return (CenterX + a * ax, CenterY + a * ay);
    }

    /// <inheritdoc />
    public override string ToString() => $"obb({CenterX:0.##},{CenterY:0.##} {Width:0.##}x{Height:0.##} @{Angle * 180 / Math.PI:0.#}deg)";
}
