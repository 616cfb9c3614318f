using System.Buffers.Binary;
using System.IO.Compression;

namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// 16-bit greyscale "MOTS PNG" (KITTI MOTS instance maps): pixel = obj_id (class_id*1000 +
/// instance id), 0 = background. Used instead of the 8-bit palette PNG when a sequence has more
/// than 254 objects. Big-endian samples as PNG requires; filter 0 on every row when writing; the
/// reader accepts any filter, non-interlaced 16-bit greyscale only.
/// </summary>
public static class MotsPng16
{
    /// <summary>Encodes a width x height row-major image of 16-bit values.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<ushort> values)
    {
        if (values.Length != (long)width * height) throw new ArgumentException($"image holds {values.Length} values, expected {width}x{height}");
        var rows = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(rows.AsSpan(2 * i), values[i]);
        return PngChunks.Encode(width, height, bitDepth: 16, colorType: 0, [], rows, width * 2);
    }

    /// <summary>Decodes a 16-bit greyscale PNG file; errors name the file.</summary>
    public static (int Width, int Height, ushort[] Values) Read(string path)
    {
        try
        {
            return Decode(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new AnnotationFormatException(path, 0, e.Message);
        }
    }

    /// <summary>Decodes 16-bit greyscale PNG bytes.</summary>
    public static (int Width, int Height, ushort[] Values) Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 || png[0] != 137 || png[1] != 80) throw new FormatException("not a PNG file (bad signature)");
        int pos = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png[pos..]);
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(pos + 4, 4));
            if (length < 0 || pos + 12 + length > png.Length) throw new FormatException($"truncated PNG chunk '{type}'");
            var data = png.Slice(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 16 || data[9] != 0 || data[12] != 0)
                    throw new FormatException($"expected a non-interlaced 16-bit greyscale PNG, got bit depth {data[8]}, colour type {data[9]}, interlace {data[12]}");
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            pos += 12 + length;
            if (type == "IEND") break;
        }
        if (width <= 0 || height <= 0) throw new FormatException($"degenerate or missing PNG header: {width}x{height}");
        int stride = width * 2;
        var raw = new byte[(long)(stride + 1) * height];
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
        var values = new ushort[(long)width * height];
        var prev = new byte[stride];
        var cur = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, cur, 0, stride);
            const int bpp = 2;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                cur[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) >> 1),
                    4 => (byte)Paeth(a, b, c),
                    _ => throw new FormatException($"unknown PNG filter type {filter} in row {y}"),
                };
            }
            for (int x = 0; x < width; x++) values[(long)y * width + x] = BinaryPrimitives.ReadUInt16BigEndian(cur.AsSpan(2 * x));
            (prev, cur) = (cur, prev);
        }
        return (width, height, values);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
