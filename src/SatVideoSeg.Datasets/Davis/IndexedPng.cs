using System.Buffers.Binary;
using System.IO.Compression;

namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// Reads the pixel values of palette (indexed) and greyscale PNGs as they are stored, never through
/// the palette: OpenCV's imread expands palette PNGs to BGR even with IMREAD_UNCHANGED, which loses
/// DAVIS object indices. Handles bit depths 1, 2, 4 and 8 (PIL writes palettes of up to 16 colours
/// with fewer bits), non-interlaced; anything else is a clear error.
/// </summary>
public static class IndexedPng
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Decodes a file; returns its size and one byte per pixel, row-major.</summary>
    public static (int Width, int Height, byte[] Pixels) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new AnnotationFormatException(path, 0, "no such file");
        }
        try
        {
            return Decode(bytes);
        }
        catch (FormatException e)
        {
            throw new AnnotationFormatException(path, 0, e.Message);
        }
    }

    /// <summary>Decodes PNG bytes (see the type's remarks for what is supported).</summary>
    public static (int Width, int Height, byte[] Pixels) Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature)) throw new FormatException("not a PNG file (bad signature)");
        int pos = 8, width = 0, height = 0, bitDepth = 0, colorType = -1;
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png[pos..]);
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(pos + 4, 4));
            if (length < 0 || pos + 12 + length > png.Length) throw new FormatException($"truncated PNG chunk '{type}'");
            var data = png.Slice(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colorType = data[9];
                    if (data[12] != 0) throw new FormatException("interlaced PNGs are not supported; save the masks without interlacing");
                    if (colorType is not (0 or 3) || bitDepth is not (1 or 2 or 4 or 8))
                        throw new FormatException($"PNG colour type {colorType} with bit depth {bitDepth} is not an index image: expected an 8-bit (or 1/2/4-bit) palette or greyscale PNG");
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            pos += 12 + length;
            if (type == "IEND") break;
        }
        if (width <= 0 || height <= 0) throw new FormatException($"degenerate or missing PNG header: {width}x{height}");

        int stride = (width * bitDepth + 7) / 8;
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

        var pixels = new byte[(long)width * height];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
            Unfilter(filter, current, previous, y);
            int mask = (1 << bitDepth) - 1;
            for (int x = 0; x < width; x++)
            {
                int bit = x * bitDepth;
                int shift = 8 - bitDepth - (bit & 7);
                pixels[(long)y * width + x] = (byte)((current[bit >> 3] >> shift) & mask);
            }
            (previous, current) = (current, previous);
        }
        return (width, height, pixels);
    }

    // PNG filters with one byte per pixel unit (bit depths up to 8, one channel).
    private static void Unfilter(int filter, byte[] cur, byte[] prev, int row)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = 1; i < cur.Length; i++) cur[i] += cur[i - 1];
                break;
            case 2:
                for (int i = 0; i < cur.Length; i++) cur[i] += prev[i];
                break;
            case 3:
                for (int i = 0; i < cur.Length; i++) cur[i] += (byte)(((i > 0 ? cur[i - 1] : 0) + prev[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < cur.Length; i++)
                {
                    int a = i > 0 ? cur[i - 1] : 0, b = prev[i], c = i > 0 ? prev[i - 1] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    cur[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
            default:
                throw new FormatException($"unknown PNG filter type {filter} in row {row}");
        }
    }
}
