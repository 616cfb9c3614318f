using System.Runtime.InteropServices;
using OpenCvSharp;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.OpenCv;

/// <summary>
/// An OpenCV Mat header over a managed buffer, without copying. The buffer stays pinned, and the
/// Mat valid, until this object is disposed.
/// </summary>
public sealed class PinnedMat : IDisposable
{
    private GCHandle _handle;

    /// <summary>Wraps <paramref name="buffer"/> (rows x cols of <paramref name="type"/>, no row padding).</summary>
    public PinnedMat(byte[] buffer, int rows, int cols, MatType type)
    {
        _handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        Mat = Mat.FromPixelData(rows, cols, type, _handle.AddrOfPinnedObject());
    }

    /// <summary>Wraps a frame's BGR24 pixels.</summary>
    public static PinnedMat Of(Frame frame) => new(frame.Pixels, frame.Height, frame.Width, MatType.CV_8UC3);

    /// <summary>The Mat over the buffer; valid until disposal.</summary>
    public Mat Mat { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Mat.Dispose();
        if (_handle.IsAllocated) _handle.Free();
    }
}
