using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics;

/// <summary>
/// Boundary IoU (Cheng et al., CVPR 2021), as boundary-iou-api's mask_to_boundary computes it:
/// boundary = mask minus its erosion, the erosion being a 3x3 kernel applied d times to the mask
/// zero-padded by one pixel, so the image border counts as boundary.
/// </summary>
public static class BoundaryIoU
{
    /// <summary>Default dilation ratio of the reference implementation.</summary>
    public const double DefaultDilationRatio = 0.02;

    /// <summary>d = max(1, round(ratio * sqrt(h^2 + w^2))), as the reference computes it.</summary>
    public static int DilationFromRatio(int width, int height, double ratio = DefaultDilationRatio)
    {
        // Python's round() is banker's rounding; int(round(x)) in the reference.
        int d = (int)Math.Round(ratio * Math.Sqrt((double)height * height + (double)width * width), MidpointRounding.ToEven);
        return Math.Max(1, d);
    }

    /// <summary>Boundary IoU of two masks of the same frame with band width d pixels; both empty scores 1.</summary>
    public static double Compute(BitMask a, BitMask b, int d)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "boundary band width must be at least 1 pixel");
        return MaskIoU.Compute(Boundary(a, d), Boundary(b, d));
    }

    /// <summary>The mask's pixels within Chebyshev distance d of a background pixel or of the frame edge.</summary>
    public static BitMask Boundary(BitMask mask, int d)
    {
        var rect = mask.Rect;
        if (rect.IsEmpty) return mask;
        int w = rect.Width, h = rect.Height;
        // Erosion by a (2d+1) square = d iterations of a 3x3 kernel; done separably as a sliding
        // minimum along rows then columns. Pixels outside the stored window are background, and so
        // is everything outside the frame (the reference's one-pixel zero padding).
        var rowMin = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            var src = mask.Data.AsSpan(y * w, w);
            var dst = rowMin.AsSpan(y * w, w);
            SlidingMin(src, dst, d);
        }
        var eroded = new byte[w * h];
        var column = new byte[h];
        var columnOut = new byte[h];
        for (int x = 0; x < w; x++)
        {
            for (int y = 0; y < h; y++) column[y] = rowMin[y * w + x];
            SlidingMin(column, columnOut, d);
            for (int y = 0; y < h; y++) eroded[y * w + x] = columnOut[y];
        }
        var boundary = new byte[w * h];
        for (int i = 0; i < boundary.Length; i++) boundary[i] = (byte)(mask.Data[i] & (eroded[i] ^ 1));
        return new BitMask(mask.FrameWidth, mask.FrameHeight, rect, boundary);
    }

    // dst[i] = min(src[i-d..i+d]), with values outside the span taken as 0.
    private static void SlidingMin(ReadOnlySpan<byte> src, Span<byte> dst, int d)
    {
        int n = src.Length;
        // Distance to the nearest zero on the left (a zero just outside the span at -1).
        int lastZero = -1;
        Span<int> leftZero = n <= 1024 ? stackalloc int[n] : new int[n];
        for (int i = 0; i < n; i++)
        {
            if (src[i] == 0) lastZero = i;
            leftZero[i] = lastZero;
        }
        int nextZero = n;
        for (int i = n - 1; i >= 0; i--)
        {
            if (src[i] == 0) nextZero = i;
            bool zeroNear = i - leftZero[i] <= d || nextZero - i <= d;
            dst[i] = zeroNear ? (byte)0 : (byte)1;
        }
    }
}
