using System.Buffers.Binary;

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
        var (header, rows, stride) = PngDecoder.Decode(png, h =>
        {
            if (h.BitDepth != 16 || h.ColorType != 0 || h.Interlace != 0)
                throw new FormatException($"expected a non-interlaced 16-bit greyscale PNG, got bit depth {h.BitDepth}, colour type {h.ColorType}, interlace {h.Interlace}");
        });
        var values = new ushort[(long)header.Width * header.Height];
        for (int y = 0; y < header.Height; y++)
            for (int x = 0; x < header.Width; x++)
                values[(long)y * header.Width + x] = BinaryPrimitives.ReadUInt16BigEndian(rows.AsSpan((int)((long)y * stride + 2 * x)));
        return (header.Width, header.Height, values);
    }
}
