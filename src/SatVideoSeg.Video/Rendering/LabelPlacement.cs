using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Chooses where a label goes so it never covers the object it names: above the object, else
/// below, else right, else left, always wholly inside the frame; then the frame's corners. Only
/// when no such place exists (the object fills the frame) does the label go to the top-left
/// corner regardless.
/// </summary>
public static class LabelPlacement
{
    /// <summary>Pixels between an object and a label set beside it.</summary>
    public const int Gap = 2;

    /// <summary>The label's rectangle for an object occupying <paramref name="anchor"/>, <paramref name="gap"/> pixels away from it.</summary>
    public static PixelRect Place(PixelRect anchor, int labelWidth, int labelHeight, int frameWidth, int frameHeight, int gap = Gap)
    {
        int clampX(int x) => Math.Clamp(x, 0, Math.Max(0, frameWidth - labelWidth));
        int clampY(int y) => Math.Clamp(y, 0, Math.Max(0, frameHeight - labelHeight));
        var candidates = new[]
        {
            new PixelRect(clampX(anchor.X), anchor.Y - gap - labelHeight, labelWidth, labelHeight),
            new PixelRect(clampX(anchor.X), anchor.Bottom + gap, labelWidth, labelHeight),
            new PixelRect(anchor.Right + gap, clampY(anchor.Y), labelWidth, labelHeight),
            new PixelRect(anchor.X - gap - labelWidth, clampY(anchor.Y), labelWidth, labelHeight),
            new PixelRect(0, 0, labelWidth, labelHeight),
            new PixelRect(frameWidth - labelWidth, 0, labelWidth, labelHeight),
            new PixelRect(0, frameHeight - labelHeight, labelWidth, labelHeight),
            new PixelRect(frameWidth - labelWidth, frameHeight - labelHeight, labelWidth, labelHeight),
        };
        var frame = new PixelRect(0, 0, frameWidth, frameHeight);
        // The object's rectangle grown by one pixel: a label must not even touch the object.
        var keepOut = new PixelRect(anchor.X - 1, anchor.Y - 1, anchor.Width + 2, anchor.Height + 2);
        foreach (var c in candidates)
        {
            bool inside = c.Intersect(frame).Area == c.Area;
            if (inside && c.Intersect(keepOut).IsEmpty) return c;
        }
        return new PixelRect(0, 0, labelWidth, labelHeight);
    }

    /// <summary>
    /// Where a leader line from the label's centre stops: the point of the object's rectangle grown
    /// by one pixel that is nearest the label centre. A straight segment from a point to its
    /// nearest point of a convex set meets the set only there, so the line never enters the object.
    /// </summary>
    public static (int X, int Y) LeaderEnd(PixelRect anchor, PixelRect label)
    {
        int cx = label.X + label.Width / 2, cy = label.Y + label.Height / 2;
        return (Math.Clamp(cx, anchor.X - 1, anchor.Right), Math.Clamp(cy, anchor.Y - 1, anchor.Bottom));
    }
}
