using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Synth.Geometry;

/// <summary>
/// Scan-converts simple polygons by the pixel-centre rule used by every mask in this toolkit:
/// pixel (j, i) is covered when its centre (j + 0.5, i + 0.5) lies inside the polygon
/// (even-odd rule, left/top edges inclusive, right/bottom edges exclusive, so two polygons that
/// share an edge never both claim a pixel).
/// </summary>
internal static class PolygonRasterizer
{
    /// <summary>Replaces the contents of <paramref name="spans"/> with the covered pixels inside <paramref name="clip"/>.</summary>
    public static void Rasterize(ReadOnlySpan<Vec2> polygon, PixelRect clip, List<RowSpan> spans)
    {
        spans.Clear();
        int n = polygon.Length;
        if (n < 3 || clip.IsEmpty) return;

        double minY = double.MaxValue, maxY = double.MinValue;
        foreach (var p in polygon)
        {
            if (p.Y < minY) minY = p.Y;
            if (p.Y > maxY) maxY = p.Y;
        }
        // Rows whose centre y + 0.5 can fall in [minY, maxY].
        int rowFirst = Math.Max(clip.Y, (int)Math.Ceiling(minY - 0.5));
        int rowLast = Math.Min(clip.Bottom - 1, (int)Math.Floor(maxY - 0.5));

        Span<double> crossings = n <= 64 ? stackalloc double[n] : new double[n];
        for (int y = rowFirst; y <= rowLast; y++)
        {
            double yc = y + 0.5;
            int count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                Vec2 a = polygon[j], b = polygon[i];
                // Half-open test: an edge counts when the row centre lies in [min y, max y).
                if ((a.Y <= yc) == (b.Y <= yc)) continue;
                crossings[count++] = a.X + (yc - a.Y) * (b.X - a.X) / (b.Y - a.Y);
            }
            InsertionSort(crossings[..count]);
            for (int k = 0; k + 1 < count; k += 2)
            {
                // Column j is inside when xa <= j + 0.5 < xb.
                int x0 = Math.Max(clip.X, (int)Math.Ceiling(crossings[k] - 0.5));
                int x1 = Math.Min(clip.Right, (int)Math.Ceiling(crossings[k + 1] - 0.5));
                if (x1 > x0) spans.Add(new RowSpan(y, x0, x1));
            }
        }
    }

    /// <summary>The pixel rectangle that can hold any covered pixel of the polygons (not clipped to a frame).</summary>
    public static PixelRect Bounds(IEnumerable<Vec2[]> polygons)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var polygon in polygons)
        {
            foreach (var p in polygon)
            {
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }
        }
        if (minX > maxX) return default;
        int x0 = (int)Math.Floor(minX), y0 = (int)Math.Floor(minY);
        return new PixelRect(x0, y0, (int)Math.Ceiling(maxX) - x0 + 1, (int)Math.Ceiling(maxY) - y0 + 1);
    }

    private static void InsertionSort(Span<double> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            double v = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
    }
}
