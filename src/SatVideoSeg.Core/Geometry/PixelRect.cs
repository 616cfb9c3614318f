namespace SatVideoSeg.Core.Geometry;

/// <summary>An integer rectangle of pixels: columns [X, X+Width), rows [Y, Y+Height).</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>One past the last column.</summary>
    public int Right => X + Width;

    /// <summary>One past the last row.</summary>
    public int Bottom => Y + Height;

    /// <summary>True when the rectangle holds no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>Number of pixels.</summary>
    public long Area => IsEmpty ? 0 : (long)Width * Height;

    /// <summary>The part of this rectangle inside another (empty when they do not meet).</summary>
    public PixelRect Intersect(PixelRect other)
    {
        int x0 = Math.Max(X, other.X), y0 = Math.Max(Y, other.Y);
        int x1 = Math.Min(Right, other.Right), y1 = Math.Min(Bottom, other.Bottom);
        return x1 <= x0 || y1 <= y0 ? new PixelRect(x0, y0, 0, 0) : new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The smallest rectangle holding both (an empty one is ignored).</summary>
    public PixelRect Union(PixelRect other)
    {
        if (IsEmpty) return other;
        if (other.IsEmpty) return this;
        int x0 = Math.Min(X, other.X), y0 = Math.Min(Y, other.Y);
        return new PixelRect(x0, y0, Math.Max(Right, other.Right) - x0, Math.Max(Bottom, other.Bottom) - y0);
    }

    /// <summary>The same pixels as an edge-coordinate box.</summary>
    public BoxXyxy ToBox() => new(X, Y, Right, Bottom);

    /// <inheritdoc />
    public override string ToString() => $"{Width}x{Height}+{X}+{Y}";
}
