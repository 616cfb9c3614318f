using System.Buffers.Binary;
using System.IO.Compression;

namespace SatVideoSeg.Tests.Support;

/// <summary>Writes minimal palette PNGs (colour type 3) the way PIL does for DAVIS masks, for reader tests.</summary>
public static class TestPng
{
    /// <summary>Writes indices (one byte per pixel, row-major) as a palette PNG of the given bit depth, using filter <paramref name="filter"/> on every row.</summary>
    public static void WritePalette(string path, int width, int height, byte[] indices, int bitDepth = 8, int filter = 0)
    {
        int stride = (width * bitDepth + 7) / 8;
        var raw = new byte[(stride + 1) * height];
        var prev = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            var row = new byte[stride];
            for (int x = 0; x < width; x++)
            {
                int bit = x * bitDepth;
                row[bit >> 3] |= (byte)(indices[y * width + x] << (8 - bitDepth - (bit & 7)));
            }
            raw[y * (stride + 1)] = (byte)filter;
            for (int i = 0; i < stride; i++)
            {
                int left = i > 0 ? row[i - 1] : 0, up = prev[i], upLeft = i > 0 ? prev[i - 1] : 0;
                int predicted = filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) >> 1,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                };
                raw[y * (stride + 1) + 1 + i] = (byte)(row[i] - predicted);
            }
            prev = row;
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);

        using var file = File.Create(path);
        file.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = 3;
        Chunk(file, "IHDR", ihdr);
        // PASCAL VOC colours for 0..3, then grey; 255 (void) white.
        var palette = new byte[256 * 3];
        byte[][] voc = [[0, 0, 0], [128, 0, 0], [0, 128, 0], [128, 128, 0]];
        for (int i = 0; i < 256; i++)
        {
            var c = i < voc.Length ? voc[i] : [(byte)i, (byte)i, (byte)i];
            c.CopyTo(palette, i * 3);
        }
        Chunk(file, "PLTE", palette.AsSpan(0, 3 * (1 << bitDepth)).ToArray());
        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        s.Write(header);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(header.AsSpan(4), data));
        s.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        void Feed(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                c ^= b;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }
        Feed(type);
        Feed(data);
        return c ^ 0xFFFFFFFF;
    }
}
