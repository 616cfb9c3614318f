using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Tests.Support;

/// <summary>Small synthetic frames with known objects, built in code.</summary>
public static class TestFrames
{
    /// <summary>A dark textured frame with bright filled ellipses; returns the frame and each ellipse's exact mask.</summary>
    public static (Frame Frame, BitMask[] Masks) Ellipses(int index, int width, int height, params (double Cx, double Cy, double Rx, double Ry)[] ellipses)
    {
        var pixels = new byte[width * height * 3];
        var rng = new Random(1234 + index);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(40 + rng.Next(20));
        var masks = new BitMask[ellipses.Length];
        for (int k = 0; k < ellipses.Length; k++)
        {
            var (cx, cy, rx, ry) = ellipses[k];
            var full = new byte[width * height];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double dx = (x + 0.5 - cx) / rx, dy = (y + 0.5 - cy) / ry;
                    if (dx * dx + dy * dy > 1) continue;
                    full[y * width + x] = 1;
                    int p = (y * width + x) * 3;
                    pixels[p] = 210;
                    pixels[p + 1] = 220;
                    pixels[p + 2] = 230;
                }
            masks[k] = BitMask.FromFullFrame(full, width, height);
        }
        return (new Frame(index, width, height, pixels), masks);
    }

    /// <summary>A mask from rows of '#' (set) and '.' (clear), placed at (x0, y0) of a frame.</summary>
    public static BitMask FromArt(int frameWidth, int frameHeight, int x0, int y0, params string[] rows)
    {
        var data = new byte[rows.Length * rows[0].Length];
        for (int y = 0; y < rows.Length; y++)
            for (int x = 0; x < rows[0].Length; x++)
                data[y * rows[0].Length + x] = rows[y][x] == '#' ? (byte)1 : (byte)0;
        return new BitMask(frameWidth, frameHeight, new PixelRect(x0, y0, rows[0].Length, rows.Length), data);
    }
}
