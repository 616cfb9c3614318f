using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>
/// The boundary F-measure of davis2017-evaluation (<c>metrics.f_measure</c>): boundaries by
/// <c>_seg2bmap</c>, each dilated by a disk (skimage <c>disk(r)</c>: offsets with dx^2 + dy^2 &lt;= r^2,
/// applied with cv2.dilate, nothing entering from outside the frame), precision = share of the
/// predicted boundary within the dilated annotation boundary, recall the converse.
/// </summary>
public static class DavisBoundary
{
    /// <summary>The reference's default boundary tolerance, as a fraction of the image diagonal.</summary>
    public const double DefaultBoundaryThreshold = 0.008;

    /// <summary>
    /// Disk radius in pixels: <paramref name="boundaryThreshold"/> itself when it is at least 1, else
    /// ceil(threshold x sqrt(h^2 + w^2)) (7 for 640x480: ceil(6.4)).
    /// </summary>
    public static int Radius(int width, int height, double boundaryThreshold = DefaultBoundaryThreshold)
    {
        if (boundaryThreshold >= 1)
        {
            if (boundaryThreshold != Math.Floor(boundaryThreshold))
                throw new ArgumentOutOfRangeException(nameof(boundaryThreshold), boundaryThreshold, "a boundary tolerance of 1 or more is a radius in pixels and must be a whole number");
            return (int)boundaryThreshold;
        }
        if (boundaryThreshold <= 0) throw new ArgumentOutOfRangeException(nameof(boundaryThreshold), boundaryThreshold, "boundary tolerance must be positive");
        return (int)Math.Ceiling(boundaryThreshold * Math.Sqrt((double)width * width + (double)height * height));
    }

    /// <summary>
    /// <c>_seg2bmap</c>: pixel p is boundary when it differs from its right, lower or lower-right
    /// neighbour (outside the frame counts as 0); in the last row only the right neighbour counts,
    /// in the last column only the lower one, and the last pixel never is. So the boundary lies on
    /// the mask's right/bottom edge pixels and on the background pixels just left of/above it.
    /// </summary>
    public static BitMask Seg2Bmap(BitMask mask)
    {
        var rect = mask.Rect;
        if (rect.IsEmpty) return mask;
        int fw = mask.FrameWidth, fh = mask.FrameHeight;
        int x0 = Math.Max(0, rect.X - 1), y0 = Math.Max(0, rect.Y - 1);
        var window = new PixelRect(x0, y0, rect.Right - x0, rect.Bottom - y0);
        var data = new byte[window.Area];
        for (int y = window.Y; y < window.Bottom; y++)
        {
            for (int x = window.X; x < window.Right; x++)
            {
                int seg = mask[x, y] ? 1 : 0;
                int e = x + 1 < fw && mask[x + 1, y] ? 1 : 0;
                int s = y + 1 < fh && mask[x, y + 1] ? 1 : 0;
                int se = x + 1 < fw && y + 1 < fh && mask[x + 1, y + 1] ? 1 : 0;
                int b = (seg ^ e) | (seg ^ s) | (seg ^ se);
                if (y == fh - 1) b = seg ^ e;
                if (x == fw - 1) b = seg ^ s;
                if (x == fw - 1 && y == fh - 1) b = 0;
                data[(y - window.Y) * window.Width + (x - window.X)] = (byte)b;
            }
        }
        return new BitMask(fw, fh, window, data);
    }

    /// <summary>
    /// F-measure of a predicted mask against an annotated one (void pixels already removed from
    /// both), with the reference's empty cases: no boundary on either side = 1; predicted boundary
    /// only = precision 0, recall 1 -> 0; annotated boundary only = precision 1, recall 0 -> 0.
    /// </summary>
    public static double FMeasure(BitMask predicted, BitMask annotated, int radius) =>
        FMeasureOfBoundaries(Seg2Bmap(predicted), Seg2Bmap(annotated), radius);

    /// <summary><see cref="FMeasure"/> on boundaries already extracted with <see cref="Seg2Bmap"/>.</summary>
    public static double FMeasureOfBoundaries(BitMask predictedBoundary, BitMask annotatedBoundary, int radius)
    {
        long nFg = predictedBoundary.Area, nGt = annotatedBoundary.Area;
        if (nFg == 0 && nGt > 0) return 0; // precision 1, recall 0
        if (nFg > 0 && nGt == 0) return 0; // precision 0, recall 1
        if (nFg == 0 && nGt == 0) return 1;
        double precision = (double)CountWithin(predictedBoundary, annotatedBoundary, radius) / nFg;
        double recall = (double)CountWithin(annotatedBoundary, predictedBoundary, radius) / nGt;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    // Pixels of `points` that lie in the disk dilation of `reference`: paint the dilation of
    // `reference` into a canvas over points' window only, one row span per disk row.
    private static long CountWithin(BitMask points, BitMask reference, int radius)
    {
        var canvasRect = points.Rect;
        var reach = new PixelRect(reference.Rect.X - radius, reference.Rect.Y - radius, reference.Rect.Width + 2 * radius, reference.Rect.Height + 2 * radius);
        if (canvasRect.Intersect(reach).IsEmpty) return 0;
        int cw = canvasRect.Width, ch = canvasRect.Height;
        var canvas = new byte[cw * ch];
        var halfWidth = new int[2 * radius + 1];
        for (int dy = -radius; dy <= radius; dy++)
            halfWidth[dy + radius] = (int)Math.Floor(Math.Sqrt((double)radius * radius - (double)dy * dy) + 1e-9);
        var rr = reference.Rect;
        for (int y = rr.Y; y < rr.Bottom; y++)
        {
            for (int x = rr.X; x < rr.Right; x++)
            {
                if (reference.Data[(y - rr.Y) * rr.Width + (x - rr.X)] == 0) continue;
                for (int dy = -radius; dy <= radius; dy++)
                {
                    int cy = y + dy - canvasRect.Y;
                    if ((uint)cy >= (uint)ch) continue;
                    int h = halfWidth[dy + radius];
                    int from = Math.Max(0, x - h - canvasRect.X), to = Math.Min(cw - 1, x + h - canvasRect.X);
                    if (from > to) continue;
                    canvas.AsSpan(cy * cw + from, to - from + 1).Fill(1);
                }
            }
        }
        long n = 0;
        for (int i = 0; i < canvas.Length; i++) n += canvas[i] & points.Data[i];
        return n;
    }
}
