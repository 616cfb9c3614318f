using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Synth.Geometry;

namespace SatVideoSeg.Synth.Rendering;

/// <summary>
/// Draws filled polygons into a BGR24 buffer. Rendering is deliberately not anti-aliased: the
/// sensor model blurs the whole image afterwards, which is what softens edges in real satellite
/// video, and it keeps every drawn object pixel identical to its mask pixel.
/// </summary>
internal sealed class Canvas
{
    private readonly List<RowSpan> _spans = [];

    public Canvas(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>BGR24 pixels, row-major, no padding.</summary>
    public byte[] Pixels { get; set; }

    public PixelRect Bounds => new(0, 0, Width, Height);

    /// <summary>
    /// Fills a polygon with <paramref name="colour"/> blended at <paramref name="alpha"/> (1 = opaque).
    /// When <paramref name="where"/> is given (one byte per frame pixel), only pixels where it is non-zero change.
    /// </summary>
    public void Fill(ReadOnlySpan<Vec2> polygon, Bgr colour, double alpha = 1, byte[]? where = null)
    {
        PolygonRasterizer.Rasterize(polygon, Bounds, _spans);
        int a = (int)Math.Round(Math.Clamp(alpha, 0, 1) * 256);
        if (a == 0) return;
        var pixels = Pixels;
        foreach (var span in _spans)
        {
            int rowStart = span.Y * Width;
            for (int x = span.X0; x < span.X1; x++)
            {
                if (where is not null && where[rowStart + x] == 0) continue;
                int o = (rowStart + x) * 3;
                if (a >= 256)
                {
                    pixels[o] = colour.B;
                    pixels[o + 1] = colour.G;
                    pixels[o + 2] = colour.R;
                }
                else
                {
                    pixels[o] = (byte)(pixels[o] + (((colour.B - pixels[o]) * a) >> 8));
                    pixels[o + 1] = (byte)(pixels[o + 1] + (((colour.G - pixels[o + 1]) * a) >> 8));
                    pixels[o + 2] = (byte)(pixels[o + 2] + (((colour.R - pixels[o + 2]) * a) >> 8));
                }
            }
        }
    }

    /// <summary>Sets one pixel (ignored outside the frame).</summary>
    public void Set(int x, int y, Bgr colour)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int o = (y * Width + x) * 3;
        Pixels[o] = colour.B;
        Pixels[o + 1] = colour.G;
        Pixels[o + 2] = colour.R;
    }
}
