using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Chooses where a label goes so it never covers the object it names. Near candidates, in order:
/// above, below, right and left of the object at growing distances (the first at <c>gap</c>);
/// then the frame's corners. A candidate must lie wholly inside the frame and must not touch the
/// object (its rectangle grown by one pixel). The first near candidate that also misses every
/// <c>occupied</c> rectangle (other objects, labels already placed) wins, else the first near
/// one, else a corner (free ones first). Only when no candidate misses the object (it fills the
/// frame) does the label go to the top-left corner regardless.
/// </summary>
public static class LabelPlacement
{
    /// <summary>Pixels between an object and a label set right beside it.</summary>
    public const int Gap = 2;

    /// <summary>How much further each following ring of candidates lies.</summary>
    public const int Step = 8;

    /// <summary>The label's rectangle for an object occupying <paramref name="anchor"/>.</summary>
    public static PixelRect Place(PixelRect anchor, int labelWidth, int labelHeight, int frameWidth, int frameHeight, int gap = Gap, IReadOnlyList<PixelRect>? occupied = null)
    {
        var frame = new PixelRect(0, 0, frameWidth, frameHeight);
        var keepOut = Grow(anchor, 1);
        bool fits(PixelRect c) => c.Intersect(frame).Area == c.Area && c.Intersect(keepOut).IsEmpty;
        bool free(PixelRect c) => occupied is null || occupied.All(o => c.Intersect(o).IsEmpty);
        // Near the object beats far away: a label beside its object that overlaps another label
        // reads better than one in a frame corner at the end of a long leader line.
        var near = Near(anchor, labelWidth, labelHeight, frameWidth, frameHeight, gap).Where(fits).ToArray();
        var corners = Corners(labelWidth, labelHeight, frameWidth, frameHeight).Where(fits).ToArray();
        foreach (var c in near) if (free(c)) return c;
        if (near.Length > 0) return near[0];
        foreach (var c in corners) if (free(c)) return c;
        return corners.Length > 0 ? corners[0] : new PixelRect(0, 0, labelWidth, labelHeight);
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

    /// <summary>Whether a label rectangle sits further than <see cref="Gap"/> from its object (and so needs a leader line).</summary>
    public static bool IsDetached(PixelRect anchor, PixelRect label) => label.Intersect(Grow(anchor, Gap + 1)).IsEmpty;

    private static IEnumerable<PixelRect> Near(PixelRect a, int w, int h, int fw, int fh, int gap)
    {
        int clampX(int x) => Math.Clamp(x, 0, Math.Max(0, fw - w));
        int clampY(int y) => Math.Clamp(y, 0, Math.Max(0, fh - h));
        for (int ring = 0; ring < 3; ring++)
        {
            int g = gap + ring * Step;
            // Centred over (under) the object, so a leader line from a detached label runs straight.
            yield return new PixelRect(clampX(a.X + a.Width / 2 - w / 2), a.Y - g - h, w, h);
            yield return new PixelRect(clampX(a.X + a.Width / 2 - w / 2), a.Bottom + g, w, h);
            yield return new PixelRect(a.Right + g, clampY(a.Y), w, h);
            yield return new PixelRect(a.X - g - w, clampY(a.Y), w, h);
        }
    }

    private static IEnumerable<PixelRect> Corners(int w, int h, int fw, int fh)
    {
        yield return new PixelRect(0, 0, w, h);
        yield return new PixelRect(fw - w, 0, w, h);
        yield return new PixelRect(0, fh - h, w, h);
        yield return new PixelRect(fw - w, fh - h, w, h);
    }

    private static PixelRect Grow(PixelRect r, int by) => new(r.X - by, r.Y - by, r.Width + 2 * by, r.Height + 2 * by);
}
