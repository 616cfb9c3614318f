namespace SatVideoSeg.Core.Geometry;

/// <summary>
/// An axis-aligned box in pixel-edge coordinates: (X0,Y0) is the top-left corner and (X1,Y1)
/// the bottom-right corner, so a tight box around pixels x..x+w-1 is [x, x+w).
/// Pixel (col j, row i) lies inside when its centre (j+0.5, i+0.5) does.
/// </summary>
public readonly record struct BoxXyxy(double X0, double Y0, double X1, double Y1)
{
    /// <summary>Width in pixels (zero for inverted boxes).</summary>
    public double Width => Math.Max(0, X1 - X0);

    /// <summary>Height in pixels (zero for inverted boxes).</summary>
    public double Height => Math.Max(0, Y1 - Y0);

    /// <summary>Area in square pixels.</summary>
    public double Area => Width * Height;

    /// <summary>Centre x in pixels.</summary>
    public double CenterX => (X0 + X1) / 2;

    /// <summary>Centre y in pixels.</summary>
    public double CenterY => (Y0 + Y1) / 2;

    /// <summary>True when the box has no area.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>The same box as top-left corner plus size.</summary>
    public BoxXywh ToXywh() => new(X0, Y0, X1 - X0, Y1 - Y0);

    /// <summary>Intersection with the frame [0,width) x [0,height).</summary>
    public BoxXyxy ClipTo(int width, int height) =>
        new(Math.Clamp(X0, 0, width), Math.Clamp(Y0, 0, height), Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height));

    /// <summary>Intersection over union of two boxes; 0 when both are empty.</summary>
    public double IoU(BoxXyxy other)
    {
        double iw = Math.Min(X1, other.X1) - Math.Max(X0, other.X0);
        double ih = Math.Min(Y1, other.Y1) - Math.Max(Y0, other.Y0);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        double union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /// <summary>
    /// The pixel rectangle whose centres fall inside the box: columns [Left, Right) and rows [Top, Bottom).
    /// </summary>
    public PixelRect ToPixelRect()
    {
        // Pixel j is inside when j + 0.5 lies in [X0, X1]; the smallest such j is ceil(X0 - 0.5).
        int left = (int)Math.Ceiling(X0 - 0.5);
        int top = (int)Math.Ceiling(Y0 - 0.5);
        int right = (int)Math.Floor(X1 - 0.5) + 1;
        int bottom = (int)Math.Floor(Y1 - 0.5) + 1;
        return new PixelRect(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));
    }

    /// <inheritdoc />
    public override string ToString() => $"[{X0:0.##},{Y0:0.##},{X1:0.##},{Y1:0.##}]";
}
