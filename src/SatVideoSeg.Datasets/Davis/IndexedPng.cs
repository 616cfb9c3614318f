namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// Reads the pixel values of palette (indexed) and greyscale PNGs as they are stored, never through
/// the palette: OpenCV's imread expands palette PNGs to BGR even with IMREAD_UNCHANGED, which loses
/// DAVIS object indices. Handles bit depths 1, 2, 4 and 8 (PIL writes palettes of up to 16 colours
/// with fewer bits), non-interlaced; anything else is a clear error.
/// </summary>
public static class IndexedPng
{
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
        var (header, rows, stride) = PngDecoder.Decode(png, h =>
        {
            if (h.Interlace != 0) throw new FormatException("interlaced PNGs are not supported; save the masks without interlacing");
            if (h.ColorType is not (0 or 3) || h.BitDepth is not (1 or 2 or 4 or 8))
                throw new FormatException($"PNG colour type {h.ColorType} with bit depth {h.BitDepth} is not an index image: expected an 8-bit (or 1/2/4-bit) palette or greyscale PNG");
        });
        int width = header.Width, height = header.Height, bitDepth = header.BitDepth;
        var pixels = new byte[(long)width * height];
        int mask = (1 << bitDepth) - 1;
        for (int y = 0; y < height; y++)
        {
            long row = (long)y * stride;
            for (int x = 0; x < width; x++)
            {
                // Samples narrower than a byte are packed most significant bits first.
                int bit = x * bitDepth;
                int shift = 8 - bitDepth - (bit & 7);
                pixels[(long)y * width + x] = (byte)((rows[row + (bit >> 3)] >> shift) & mask);
            }
        }
        return (width, height, pixels);
    }
}
