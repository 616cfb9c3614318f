using System.Buffers;
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
        // Scratch space from the shared pool: the only array allocated per object is the mask
        // itself, cut to its tight box (benchmarks/: this kernel allocated the whole window, three
        // column tables and a trimmed copy, up to 21 KB per object).
        int width = window.Width;
        byte[] scratch = ArrayPool<byte>.Shared.Rent((int)window.Area);
        int[] columns = ArrayPool<int>.Shared.Rent(2 * width);
        float[] fractions = ArrayPool<float>.Shared.Rent(width);
        try
        {
            var u0 = columns.AsSpan(0, width);
            var u1 = columns.AsSpan(width, width);
            var fu = fractions.AsSpan(0, width);
            for (int x = 0; x < width; x++)
            {
                double u = (window.X + x + 0.5 - OffsetX) * ScaleX - 0.5;
                Corners(u, size, out u0[x], out u1[x], out fu[x]);
            }
            long high = 0, low = 0;
            int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1;
            for (int y = 0; y < window.Height; y++)
            {
                double v = (window.Y + y + 0.5 - OffsetY) * ScaleY - 0.5;
                Corners(v, size, out int v0, out int v1, out float fv);
                var row0 = logits.Slice(v0 * size, size);
                var row1 = logits.Slice(v1 * size, size);
                var target = scratch.AsSpan(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    float top = row0[u0[x]] + (row0[u1[x]] - row0[u0[x]]) * fu[x];
                    float bottom = row1[u0[x]] + (row1[u1[x]] - row1[u0[x]]) * fu[x];
                    float logit = top + (bottom - top) * fv;
                    bool set = logit > threshold;
                    target[x] = set ? (byte)1 : (byte)0;
                    if (set)
                    {
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y);
                        maxY = y;
                    }
                    // SAM's stability score: IoU of the masks at threshold +1 and -1 (the first is inside the second).
                    if (logit > threshold + 1) high++;
                    if (logit > threshold - 1) low++;
                }
            }
            double stability = low == 0 ? 0 : (double)high / low;
            if (maxX < 0) return (BitMask.Empty(frameWidth, frameHeight), stability);
            var tight = new PixelRect(window.X + minX, window.Y + minY, maxX - minX + 1, maxY - minY + 1);
            var data = new byte[tight.Area];
            for (int y = minY; y <= maxY; y++)
                scratch.AsSpan(y * width + minX, tight.Width).CopyTo(data.AsSpan((y - minY) * tight.Width));
            return (new BitMask(frameWidth, frameHeight, tight, data), stability);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(columns);
            ArrayPool<float>.Shared.Return(fractions);
        }
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
