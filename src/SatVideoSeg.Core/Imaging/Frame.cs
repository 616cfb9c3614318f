using SatVideoSeg.Core.Buffers;

namespace SatVideoSeg.Core.Imaging;

/// <summary>
/// One decoded video frame: packed BGR24 pixels, row-major, no row padding
/// (<see cref="Pixels"/> holds Width*Height*3 bytes). <see cref="Index"/> is 0-based.
/// A frame rented from a <see cref="BufferPool{T}"/> gives its buffer back when disposed: the
/// last stage to use it disposes it, and nothing may read <see cref="Pixels"/> after that.
/// Disposing a frame that was not rented does nothing.
/// </summary>
public sealed class Frame : IDisposable
{
    private BufferPool<byte>? _pool;

    /// <summary>Wraps a BGR24 buffer; it must hold exactly width*height*3 bytes.</summary>
    public Frame(int index, int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate frame dimensions: {width}x{height} (frame {index + 1})");
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"frame {index + 1}: buffer holds {pixels.Length} bytes, expected {width}x{height}x3 = {width * height * 3}");
        Index = index;
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Wraps a buffer rented from <paramref name="pool"/>; disposing the frame returns it.</summary>
    public Frame(int index, int width, int height, byte[] pixels, BufferPool<byte> pool)
        : this(index, width, height, pixels)
    {
        _pool = pool;
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

    /// <summary>Returns a rented buffer to its pool (once; later calls do nothing).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _pool, null)?.Return(Pixels);
    }
}
