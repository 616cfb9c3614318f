using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Core.Masks;

/// <summary>
/// A binary object mask stored cropped to a pixel rectangle of its frame (never as a full-frame
/// bitmap per object). <see cref="Data"/> holds Rect.Width x Rect.Height bytes, row-major, 0 or 1.
/// Immutable by convention: producers fill the array once and hand it over.
/// </summary>
public sealed class BitMask
{
    /// <summary>Creates a mask; <paramref name="data"/> must hold rect.Width * rect.Height bytes.</summary>
    public BitMask(int frameWidth, int frameHeight, PixelRect rect, byte[] data)
    {
        if (frameWidth <= 0 || frameHeight <= 0)
            throw new ArgumentException($"degenerate frame dimensions: {frameWidth}x{frameHeight}");
        if (!rect.IsEmpty && (rect.X < 0 || rect.Y < 0 || rect.Right > frameWidth || rect.Bottom > frameHeight))
            throw new ArgumentException($"mask rectangle {rect} lies outside the {frameWidth}x{frameHeight} frame");
        long expected = rect.Area;
        if (data.Length != expected)
            throw new ArgumentException($"mask data holds {data.Length} bytes, expected {expected} for rectangle {rect}");
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
        Rect = rect.IsEmpty ? default : rect;
        Data = data;
    }

    /// <summary>Width of the frame the mask belongs to, in pixels.</summary>
    public int FrameWidth { get; }

    /// <summary>Height of the frame the mask belongs to, in pixels.</summary>
    public int FrameHeight { get; }

    /// <summary>The stored window of the frame (may be larger than the set pixels).</summary>
    public PixelRect Rect { get; }

    /// <summary>Row-major 0/1 bytes over <see cref="Rect"/>.</summary>
    public byte[] Data { get; }

    /// <summary>An empty mask of a frame.</summary>
    public static BitMask Empty(int frameWidth, int frameHeight) => new(frameWidth, frameHeight, default, []);

    /// <summary>Number of set pixels.</summary>
    public long Area
    {
        get
        {
            long n = 0;
            foreach (byte b in Data) n += b;
            return n;
        }
    }

    /// <summary>True when no pixel is set.</summary>
    public bool IsEmpty => Area == 0;

    /// <summary>Whether the frame pixel (x, y) is set.</summary>
    public bool this[int x, int y]
    {
        get
        {
            int cx = x - Rect.X, cy = y - Rect.Y;
            if ((uint)cx >= (uint)Rect.Width || (uint)cy >= (uint)Rect.Height) return false;
            return Data[cy * Rect.Width + cx] != 0;
        }
    }

    /// <summary>The smallest rectangle holding every set pixel (empty when none is set).</summary>
    public PixelRect TightRect()
    {
        int w = Rect.Width, h = Rect.Height;
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++)
        {
            var row = Data.AsSpan(y * w, w);
            int first = row.IndexOf((byte)1);
            if (first < 0) continue;
            int last = row.LastIndexOf((byte)1);
            if (first < minX) minX = first;
            if (last > maxX) maxX = last;
            if (y < minY) minY = y;
            maxY = y;
        }
        return maxX < 0 ? default : new PixelRect(Rect.X + minX, Rect.Y + minY, maxX - minX + 1, maxY - minY + 1);
    }

    /// <summary>The same mask stored in its tight rectangle.</summary>
    public BitMask Trim()
    {
        var tight = TightRect();
        return tight == Rect ? this : Crop(tight);
    }

    /// <summary>The mask restricted to a frame rectangle (pixels outside it are dropped).</summary>
    public BitMask Crop(PixelRect window)
    {
        var frame = new PixelRect(0, 0, FrameWidth, FrameHeight);
        var target = window.Intersect(frame);
        if (target.IsEmpty) return Empty(FrameWidth, FrameHeight);
        var data = new byte[target.Area];
        var overlap = target.Intersect(Rect);
        for (int y = overlap.Y; y < overlap.Bottom; y++)
        {
            Data.AsSpan((y - Rect.Y) * Rect.Width + overlap.X - Rect.X, overlap.Width)
                .CopyTo(data.AsSpan((y - target.Y) * target.Width + overlap.X - target.X));
        }
        return new BitMask(FrameWidth, FrameHeight, target, data);
    }

    /// <summary>Number of pixels set in both masks.</summary>
    public long IntersectionArea(BitMask other)
    {
        var overlap = Rect.Intersect(other.Rect);
        long n = 0;
        for (int y = overlap.Y; y < overlap.Bottom; y++)
        {
            var a = Data.AsSpan((y - Rect.Y) * Rect.Width + overlap.X - Rect.X, overlap.Width);
            var b = other.Data.AsSpan((y - other.Rect.Y) * other.Rect.Width + overlap.X - other.Rect.X, overlap.Width);
            for (int i = 0; i < a.Length; i++) n += a[i] & b[i];
        }
        return n;
    }

    /// <summary>A copy with every pixel that is set in <paramref name="other"/> cleared.</summary>
    public BitMask Subtract(BitMask other)
    {
        var data = (byte[])Data.Clone();
        var overlap = Rect.Intersect(other.Rect);
        for (int y = overlap.Y; y < overlap.Bottom; y++)
        {
            var a = data.AsSpan((y - Rect.Y) * Rect.Width + overlap.X - Rect.X, overlap.Width);
            var b = other.Data.AsSpan((y - other.Rect.Y) * other.Rect.Width + overlap.X - other.Rect.X, overlap.Width);
            for (int i = 0; i < a.Length; i++) a[i] = (byte)(a[i] & ~b[i] & 1);
        }
        return new BitMask(FrameWidth, FrameHeight, Rect, data);
    }

    /// <summary>Fills the pixels whose centres lie inside the box (clipped to the frame).</summary>
    public static BitMask FromBox(BoxXyxy box, int frameWidth, int frameHeight)
    {
        var rect = box.ToPixelRect().Intersect(new PixelRect(0, 0, frameWidth, frameHeight));
        if (rect.IsEmpty) return Empty(frameWidth, frameHeight);
        var data = new byte[rect.Area];
        data.AsSpan().Fill(1);
        return new BitMask(frameWidth, frameHeight, rect, data);
    }

    /// <summary>Builds a mask from a full-frame row-major 0/nonzero buffer, stored in its tight rectangle.</summary>
    public static BitMask FromFullFrame(ReadOnlySpan<byte> full, int frameWidth, int frameHeight)
    {
        if (full.Length != frameWidth * frameHeight)
            throw new ArgumentException($"full-frame buffer holds {full.Length} bytes, expected {frameWidth}x{frameHeight}");
        var whole = new byte[full.Length];
        for (int i = 0; i < full.Length; i++) whole[i] = full[i] != 0 ? (byte)1 : (byte)0;
        return new BitMask(frameWidth, frameHeight, new PixelRect(0, 0, frameWidth, frameHeight), whole).Trim();
    }

    /// <summary>The pixels of a full-frame label image (DAVIS PNG values, row-major) that hold <paramref name="label"/>, stored in their tight rectangle.</summary>
    public static BitMask FromLabel<T>(ReadOnlySpan<T> labels, T label, int frameWidth, int frameHeight) where T : IEquatable<T>
    {
        if (labels.Length != frameWidth * frameHeight)
            throw new ArgumentException($"label image holds {labels.Length} values, expected {frameWidth}x{frameHeight}");
        var whole = new byte[labels.Length];
        for (int i = 0; i < labels.Length; i++) whole[i] = labels[i].Equals(label) ? (byte)1 : (byte)0;
        return new BitMask(frameWidth, frameHeight, new PixelRect(0, 0, frameWidth, frameHeight), whole).Trim();
    }

    /// <summary>Writes the mask into a full-frame buffer (ORs value into set pixels).</summary>
    public void PaintInto(Span<byte> full, byte value)
    {
        for (int y = 0; y < Rect.Height; y++)
        {
            var src = Data.AsSpan(y * Rect.Width, Rect.Width);
            var dst = full.Slice((Rect.Y + y) * FrameWidth + Rect.X, Rect.Width);
            for (int x = 0; x < src.Length; x++) if (src[x] != 0) dst[x] = value;
        }
    }
}
