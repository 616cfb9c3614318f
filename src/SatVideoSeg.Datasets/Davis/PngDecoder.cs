using System.Buffers.Binary;
using System.IO.Compression;

namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// The part of PNG decoding the mask readers share: chunk walking, IHDR, inflating the IDAT
/// stream and undoing the row filters. Single-channel (greyscale or palette), non-interlaced
/// images only; the caller checks the header (bit depth, colour type) and unpacks the samples.
/// </summary>
internal static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The IHDR fields the readers need.</summary>
    internal readonly record struct Header(int Width, int Height, int BitDepth, int ColorType, int Interlace);

    /// <summary>
    /// Decodes PNG bytes to unfiltered rows, <paramref name="checkHeader"/> having accepted the
    /// header first (it throws <see cref="FormatException"/> for images it cannot read).
    /// Returns the header, the rows back to back and the bytes per row.
    /// </summary>
    internal static (Header Header, byte[] Rows, int Stride) Decode(ReadOnlySpan<byte> png, Action<Header> checkHeader)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature)) throw new FormatException("not a PNG file (bad signature)");
        int pos = 8;
        Header header = default;
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png[pos..]);
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(pos + 4, 4));
            if (length < 0 || pos + 12 + length > png.Length) throw new FormatException($"truncated PNG chunk '{type}'");
            var data = png.Slice(pos + 8, length);
            if (type == "IHDR")
            {
                header = new Header(BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9], data[12]);
                checkHeader(header);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            pos += 12 + length;
            if (type == "IEND") break;
        }
        if (header.Width <= 0 || header.Height <= 0) throw new FormatException($"degenerate or missing PNG header: {header.Width}x{header.Height}");

        int stride = (header.Width * header.BitDepth + 7) / 8;
        int bytesPerPixel = Math.Max(1, header.BitDepth / 8);
        var raw = new byte[(long)(stride + 1) * header.Height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            int read = 0;
            while (read < raw.Length)
            {
                int n = z.Read(raw, read, raw.Length - read);
                if (n == 0) throw new FormatException($"PNG image data ends after {read} of {raw.Length} bytes");
                read += n;
            }
        }

        var rows = new byte[(long)stride * header.Height];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (int y = 0; y < header.Height; y++)
        {
            int filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
            Unfilter(filter, current, previous, bytesPerPixel, y);
            current.CopyTo(rows, (long)y * stride);
            (previous, current) = (current, previous);
        }
        return (header, rows, stride);
    }

    // The five PNG filters; bpp = bytes per complete pixel (at least 1), as the spec defines "a".
    private static void Unfilter(int filter, byte[] cur, byte[] prev, int bpp, int row)
    {
        for (int i = 0; i < cur.Length; i++)
        {
            int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
            cur[i] += filter switch
            {
                0 => 0,
                1 => (byte)a,
                2 => (byte)b,
                3 => (byte)((a + b) >> 1),
                4 => (byte)Paeth(a, b, c),
                _ => throw new FormatException($"unknown PNG filter type {filter} in row {row}"),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
