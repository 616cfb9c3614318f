using System.Buffers.Binary;
using System.IO.Compression;

namespace SatVideoSeg.Datasets.Davis;

/// <summary>Low-level PNG writing shared by the 8-bit palette and 16-bit greyscale writers.</summary>
internal static class PngChunks
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>
    /// A whole PNG: signature, IHDR (non-interlaced), optional PLTE, one IDAT of zlib-compressed rows
    /// (filter 0 on every row, so the bytes depend only on the pixels), IEND.
    /// </summary>
    public static byte[] Encode(int width, int height, byte bitDepth, byte colorType, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> rows, int rowBytes)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate PNG dimensions: {width}x{height}");
        if (rows.Length != (long)rowBytes * height) throw new ArgumentException($"PNG rows hold {rows.Length} bytes, expected {rowBytes}x{height}");
        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering (we use filter type 0 on every row)
        ihdr[12] = 0; // no interlace
        Chunk(png, "IHDR"u8, ihdr);
        if (!palette.IsEmpty) Chunk(png, "PLTE"u8, palette);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                Span<byte> filter = [0];
                for (int y = 0; y < height; y++)
                {
                    z.Write(filter);
                    z.Write(rows.Slice(y * rowBytes, rowBytes));
                }
            }
            Chunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc32.Compute(type, data));
        s.Write(word);
    }
}
