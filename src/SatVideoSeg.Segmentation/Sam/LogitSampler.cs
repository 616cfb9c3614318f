using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Resamples a low-res logit map straight into a window of the frame (one bilinear resize, as
/// ROS-SAM resizes its 256x256 logits to the crop), instead of the decoder's full-frame upscale.
/// A frame pixel x maps to the low-res coordinate u = (x + 0.5 - OffsetX) * ScaleX - 0.5
/// (half-pixel centres, PyTorch's align_corners=False), clamped at the map's edges.
/// </summary>
/// <param name="OffsetX">Frame x of the low-res map's left edge.</param>
/// <param name="OffsetY">Frame y of the low-res map's top edge.</param>
/// <param name="ScaleX">Low-res pixels per frame pixel, horizontally.</param>
/// <param name="ScaleY">Low-res pixels per frame pixel, vertically.</param>
public readonly record struct LogitSampler(double OffsetX, double OffsetY, double ScaleX, double ScaleY)
{
    /// <summary>Thresholds the resampled logits over <paramref name="window"/>; returns the mask and SAM's stability score.</summary>
    /// <param name="logits">Row-major low-res logits, <paramref name="size"/> x <paramref name="size"/>.</param>
    /// <param name="size">Side of the low-res map.</param>
    /// <param name="window">Frame pixels to fill (inside the frame).</param>
    /// <param name="frameWidth">Frame width.</param>
    /// <param name="frameHeight">Frame height.</param>
    /// <param name="threshold">Logit threshold (pixels above it are set).</param>
    public (BitMask Mask, double Stability) Sample(ReadOnlySpan<float> logits, int size, PixelRect window, int frameWidth, int frameHeight, double threshold)
    {
        if (window.IsEmpty) return (BitMask.Empty(frameWidth, frameHeight), 0);
        var data = new byte[window.Area];
        long high = 0, low = 0;
        var u0 = new int[window.Width];
        var u1 = new int[window.Width];
        var fu = new float[window.Width];
        for (int x = 0; x < window.Width; x++)
        {
            double u = (window.X + x + 0.5 - OffsetX) * ScaleX - 0.5;
            Corners(u, size, out u0[x], out u1[x], out fu[x]);
        }
        for (int y = 0; y < window.Height; y++)
        {
            double v = (window.Y + y + 0.5 - OffsetY) * ScaleY - 0.5;
            Corners(v, size, out int v0, out int v1, out float fv);
            var row0 = logits.Slice(v0 * size, size);
            var row1 = logits.Slice(v1 * size, size);
            for (int x = 0; x < window.Width; x++)
            {
                float top = row0[u0[x]] + (row0[u1[x]] - row0[u0[x]]) * fu[x];
                float bottom = row1[u0[x]] + (row1[u1[x]] - row1[u0[x]]) * fu[x];
                float logit = top + (bottom - top) * fv;
                if (logit > threshold) data[y * window.Width + x] = 1;
                // SAM's stability score: IoU of the masks at threshold +1 and -1 (the first is inside the second).
                if (logit > threshold + 1) high++;
                if (logit > threshold - 1) low++;
            }
        }
        double stability = low == 0 ? 0 : (double)high / low;
        return (new BitMask(frameWidth, frameHeight, window, data).Trim(), stability);
    }

    private static void Corners(double u, int size, out int i0, out int i1, out float frac)
    {
        // PyTorch clamps negative source coordinates to 0 before interpolating.
        if (u < 0) u = 0;
        i0 = Math.Min((int)u, size - 1);
        i1 = Math.Min(i0 + 1, size - 1);
        frac = (float)(u - i0);
        if (i0 == size - 1) frac = 0;
    }
}
