using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Tracking;

/// <summary>Moves a mask by a whole-pixel offset, for comparing a track's last mask with today's.</summary>
public static class MaskMotion
{
    /// <summary>The mask shifted by (dx, dy) rounded to pixels; pixels leaving the frame are dropped.</summary>
    public static BitMask Translate(BitMask mask, double dx, double dy)
    {
        int ix = (int)Math.Round(dx), iy = (int)Math.Round(dy);
        if ((ix == 0 && iy == 0) || mask.Rect.IsEmpty) return mask;
        var r = mask.Rect;
        var moved = new PixelRect(r.X + ix, r.Y + iy, r.Width, r.Height);
        var frame = new PixelRect(0, 0, mask.FrameWidth, mask.FrameHeight);
        var inside = moved.Intersect(frame);
        if (inside.IsEmpty) return BitMask.Empty(mask.FrameWidth, mask.FrameHeight);
        var data = new byte[inside.Area];
        for (int y = inside.Y; y < inside.Bottom; y++)
        {
            mask.Data.AsSpan((y - moved.Y) * r.Width + inside.X - moved.X, inside.Width)
                .CopyTo(data.AsSpan((y - inside.Y) * inside.Width, inside.Width));
        }
        return new BitMask(mask.FrameWidth, mask.FrameHeight, inside, data);
    }
}
