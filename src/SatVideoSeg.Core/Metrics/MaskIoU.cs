using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics;

/// <summary>Intersection over union of binary masks (FORMATS.md §7).</summary>
public static class MaskIoU
{
    /// <summary>|A n B| / |A u B|; two empty masks agree perfectly (1), one empty and one not score 0.</summary>
    public static double Compute(BitMask a, BitMask b)
    {
        long areaA = a.Area, areaB = b.Area;
        if (areaA == 0 && areaB == 0) return 1.0;
        long inter = a.IntersectionArea(b);
        return (double)inter / (areaA + areaB - inter);
    }
}
