using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Chooses where a label goes so it never covers the object it names: above the object, else
/// below, else right, else left, always inside the frame where it fits.
/// </summary>
public static class LabelPlacement
{
    private const int Gap = 2;

    /// <summary>The label's top-left corner for an object occupying <paramref name="anchor"/>.</summary>
    public static PixelRect Place(PixelRect anchor, int labelWidth, int labelHeight, int frameWidth, int frameHeight)
    {
        int clampX(int x) => Math.Clamp(x, 0, Math.Max(0, frameWidth - labelWidth));
        int clampY(int y) => Math.Clamp(y, 0, Math.Max(0, frameHeight - labelHeight));
        var candidates = new[]
        {
            new PixelRect(clampX(anchor.X), anchor.Y - Gap - labelHeight, labelWidth, labelHeight),
            new PixelRect(clampX(anchor.X), anchor.Bottom + Gap, labelWidth, labelHeight),
            new PixelRect(anchor.Right + Gap, clampY(anchor.Y), labelWidth, labelHeight),
            new PixelRect(anchor.X - Gap - labelWidth, clampY(anchor.Y), labelWidth, labelHeight),
        };
        var frame = new PixelRect(0, 0, frameWidth, frameHeight);
        foreach (var c in candidates)
        {
            bool inside = c.Intersect(frame).Area == c.Area;
            if (inside && c.Intersect(anchor).IsEmpty) return c;
        }
        // The object fills the frame: any place covers it; keep the label at the top-left.
        return new PixelRect(0, 0, labelWidth, labelHeight);
    }
}
