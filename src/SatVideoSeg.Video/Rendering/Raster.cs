namespace SatVideoSeg.Video.Rendering;

/// <summary>Exact integer drawing primitives (OpenCV's anti-aliased lines cannot be alpha-blended).</summary>
public static class Raster
{
    /// <summary>Blends a one-pixel Bresenham line from (x0, y0) to (x1, y1) inclusive; alpha in 1/256 units (256 = opaque).</summary>
    public static void Line(OverlayCanvas canvas, int x0, int y0, int x1, int y1, (byte B, byte G, byte R) colour, int alpha)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true)
        {
            if (alpha >= 256) canvas.Set(x0, y0, colour);
            else canvas.Blend(x0, y0, colour, alpha);
            if (x0 == x1 && y0 == y1) return;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>A one-pixel rectangle outline.</summary>
    public static void Rectangle(OverlayCanvas canvas, int x, int y, int width, int height, (byte B, byte G, byte R) colour)
    {
        Line(canvas, x, y, x + width - 1, y, colour, 256);
        Line(canvas, x, y + height - 1, x + width - 1, y + height - 1, colour, 256);
        Line(canvas, x, y, x, y + height - 1, colour, 256);
        Line(canvas, x + width - 1, y, x + width - 1, y + height - 1, colour, 256);
    }
}
