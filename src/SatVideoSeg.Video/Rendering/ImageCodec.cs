using OpenCvSharp;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Rendering;

/// <summary>Still-image encoding of frames (for contact sheets, report images and stills).</summary>
public static class ImageCodec
{
    // zlib level: 9 made report.html cost 1.8 s on the 90-frame sample (a 640x480 still took
    // 0.47 s); level 3 is several times faster for files a few percent larger.
    private const int PngCompression = 3;

    /// <summary>The frame as PNG bytes (lossless; the same frame always gives the same bytes).</summary>
    public static byte[] Png(Frame frame)
    {
        using var mat = PinnedMat.Of(frame);
        Cv2.ImEncode(".png", mat.Mat, out var bytes, new ImageEncodingParam(ImwriteFlags.PngCompression, PngCompression));
        return bytes;
    }
}
