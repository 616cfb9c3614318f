using OpenCvSharp;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// A private copy of a frame that annotators draw on, both directly (<see cref="Pixels"/>, for
/// exact fixed-point blending) and through OpenCV (<see cref="Mat"/>, a header over the same
/// pinned buffer). Valid until disposed; <see cref="Pixels"/> stays the caller's after that.
/// </summary>
public sealed class OverlayCanvas : IDisposable
{
    private readonly PinnedMat _mat;

    /// <summary>Copies <paramref name="frame"/>; <paramref name="fps"/> (0 = unknown) gives annotators the timestamp.</summary>
    /// <param name="frame">The frame to draw over (not modified).</param>
    /// <param name="fps">Frames per second (0 = unknown).</param>
    /// <param name="buffer">Where to copy the frame (as many bytes as it has), e.g. rented from a pool; null = a new array.</param>
    public OverlayCanvas(Frame frame, double fps = 0, byte[]? buffer = null)
    {
        FrameIndex = frame.Index;
        Width = frame.Width;
        Height = frame.Height;
        Fps = fps;
        Pixels = buffer ?? new byte[frame.Pixels.Length];
        frame.Pixels.CopyTo(Pixels, 0);
        _mat = new PinnedMat(Pixels, Height, Width, MatType.CV_8UC3);
    }

    /// <summary>0-based index of the frame drawn on.</summary>
    public int FrameIndex { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames per second of the video (0 when unknown).</summary>
    public double Fps { get; }

    /// <summary>BGR24 pixels, row-major; the same memory as <see cref="Mat"/>.</summary>
    public byte[] Pixels { get; }

    /// <summary>An OpenCV view of <see cref="Pixels"/>.</summary>
    public Mat Mat => _mat.Mat;

    /// <summary>Blends one pixel toward a colour; alpha in 1/256 units (fixed point, so exact and deterministic).</summary>
    public void Blend(int x, int y, (byte B, byte G, byte R) colour, int alpha)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int p = (y * Width + x) * 3;
        Pixels[p] = (byte)((Pixels[p] * (256 - alpha) + colour.B * alpha) >> 8);
        Pixels[p + 1] = (byte)((Pixels[p + 1] * (256 - alpha) + colour.G * alpha) >> 8);
        Pixels[p + 2] = (byte)((Pixels[p + 2] * (256 - alpha) + colour.R * alpha) >> 8);
    }

    /// <summary>Sets one pixel (ignored outside the frame).</summary>
    public void Set(int x, int y, (byte B, byte G, byte R) colour)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int p = (y * Width + x) * 3;
        Pixels[p] = colour.B;
        Pixels[p + 1] = colour.G;
        Pixels[p + 2] = colour.R;
    }

    /// <inheritdoc />
    public void Dispose() => _mat.Dispose();
}
