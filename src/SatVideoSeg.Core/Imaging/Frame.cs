namespace SatVideoSeg.Core.Imaging;

/// <summary>
/// One decoded video frame: packed BGR24 pixels, row-major, no row padding
/// (<see cref="Pixels"/> holds Width*Height*3 bytes). <see cref="Index"/> is 0-based.
/// </summary>
public sealed class Frame
{
    /// <summary>Wraps a BGR24 buffer; it must hold exactly width*height*3 bytes.</summary>
    public Frame(int index, int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate frame dimensions: {width}x{height} (frame {index})");
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"frame {index}: buffer holds {pixels.Length} bytes, expected {width}x{height}x3 = {width * height * 3}");
        Index = index;
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>0-based frame index in the video.</summary>
    public int Index { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>BGR24 pixels, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * 3;
}
