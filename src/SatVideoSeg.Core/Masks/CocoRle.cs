using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Core.Masks;

/// <summary>
/// COCO run-length encoding exactly as pycocotools computes it: the mask is flattened
/// column-major (index = x*h + y), runs alternate starting with background (counts[0] = 0 when
/// the first pixel is set).
/// </summary>
public sealed class CocoRle
{
    /// <summary>Creates an RLE; the counts must sum to height*width.</summary>
    public CocoRle(int height, int width, long[] counts)
    {
        if (height < 0 || width < 0) throw new ArgumentException($"degenerate RLE size: {height}x{width}");
        long sum = 0;
        foreach (long c in counts)
        {
            if (c < 0) throw new FormatException($"negative run length {c} in RLE of size {height}x{width}");
            sum += c;
        }
        if (sum != (long)height * width)
            throw new FormatException($"RLE runs sum to {sum}, expected {height}x{width} = {(long)height * width}");
        Height = height;
        Width = width;
        Counts = counts;
    }

    /// <summary>Image height in pixels (first entry of COCO's "size").</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Alternating background/foreground run lengths.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Number of set pixels: the sum of odd-index runs.</summary>
    public long Area
    {
        get
        {
            long a = 0;
            for (int i = 1; i < Counts.Count; i += 2) a += Counts[i];
            return a;
        }
    }

    /// <summary>Encodes a mask over its whole frame.</summary>
    public static CocoRle Encode(BitMask mask)
    {
        // Column-major runs (pycocotools' Fortran order). Only the mask's stored rectangle is read:
        // the background around it adds to the runs arithmetically, so the cost follows the
        // object, not the frame (a car on a 1024x576 frame: 3.8 µs when every row was walked).
        int h = mask.FrameHeight, w = mask.FrameWidth;
        var rect = mask.Rect;
        var data = mask.Data;
        var counts = new List<long>();
        long run = 0;
        byte current = 0;
        void Background(long pixels)
        {
            if (pixels == 0) return;
            if (current == 0)
            {
                run += pixels;
                return;
            }
            counts.Add(run);
            current = 0;
            run = pixels;
        }
        Background((long)rect.X * h);
        for (int x = rect.X; x < rect.Right; x++)
        {
            Background(rect.Y);
            for (int y = rect.Y; y < rect.Bottom; y++)
            {
                byte v = data[(y - rect.Y) * rect.Width + x - rect.X] != 0 ? (byte)1 : (byte)0;
                if (v != current)
                {
                    counts.Add(run);
                    run = 0;
                    current = v;
                }
                run++;
            }
            Background(h - rect.Bottom);
        }
        Background((long)(w - rect.Right) * h);
        counts.Add(run);
        return new CocoRle(h, w, counts.ToArray());
    }

    /// <summary>Decodes to a mask stored in its tight rectangle.</summary>
    public BitMask Decode()
    {
        if (Height == 0 || Width == 0) throw new FormatException("cannot decode an RLE of size 0");
        int h = Height;
        // First pass: find the bounding rectangle of the set pixels.
        long pos = 0;
        int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1;
        for (int i = 0; i < Counts.Count; i++)
        {
            long c = Counts[i];
            if ((i & 1) == 1 && c > 0)
            {
                long first = pos, last = pos + c - 1;
                int x0 = (int)(first / h), x1 = (int)(last / h);
                minX = Math.Min(minX, x0);
                maxX = Math.Max(maxX, x1);
                if (x0 == x1)
                {
                    minY = Math.Min(minY, (int)(first % h));
                    maxY = Math.Max(maxY, (int)(last % h));
                }
                else
                {
                    // A run that wraps past a column end reaches both the bottom and the top row.
                    minY = 0;
                    maxY = h - 1;
                }
            }
            pos += c;
        }
        if (maxX < 0) return BitMask.Empty(Width, Height);
        var rect = new PixelRect(minX, minY, maxX - minX + 1, maxY - minY + 1);
        var data = new byte[rect.Area];
        pos = 0;
        for (int i = 0; i < Counts.Count; i++)
        {
            long c = Counts[i];
            if ((i & 1) == 1)
            {
                for (long p = pos; p < pos + c; p++)
                {
                    int x = (int)(p / h), y = (int)(p % h);
                    data[(y - rect.Y) * rect.Width + (x - rect.X)] = 1;
                }
            }
            pos += c;
        }
        return new BitMask(Width, Height, rect, data);
    }

    /// <summary>The compressed "counts" string of pycocotools (rleToString).</summary>
    public string ToCompressedString()
    {
        var sb = new System.Text.StringBuilder(Counts.Count * 2);
        for (int i = 0; i < Counts.Count; i++)
        {
            long x = Counts[i];
            // Counts after the second are stored as differences to the run two back (same colour).
            if (i > 2) x -= Counts[i - 2];
            bool more = true;
            while (more)
            {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) c |= 0x20;
                sb.Append((char)(c + 48));
            }
        }
        return sb.ToString();
    }

    /// <summary>Parses pycocotools' compressed "counts" string (rleFrString).</summary>
    public static CocoRle FromCompressedString(string s, int height, int width)
    {
        var counts = new List<long>();
        int p = 0;
        while (p < s.Length)
        {
            long x = 0;
            int k = 0;
            bool more = true;
            while (more)
            {
                if (p >= s.Length) throw new FormatException($"truncated RLE string at character {p}: '{Shorten(s)}'");
                long c = s[p] - 48;
                if (c < 0 || c > 63) throw new FormatException($"invalid RLE character '{s[p]}' at position {p}");
                x |= (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) x |= -1L << (5 * k);
            }
            if (counts.Count > 2) x += counts[^2];
            counts.Add(x);
        }
        return new CocoRle(height, width, counts.ToArray());
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
