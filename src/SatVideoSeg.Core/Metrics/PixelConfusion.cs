using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Metrics;

/// <summary>
/// Pixel-level agreement of a prediction with ground truth, ignoring ids and classes: a pixel is
/// a true positive when some predicted and some true mask cover it, missed (false negative) when
/// only a true mask does, false (positive) when only a predicted mask does.
/// </summary>
public static class PixelConfusion
{
    /// <summary>Code of a pixel no mask covers.</summary>
    public const byte None = 0;

    /// <summary>Code of a pixel only predicted masks cover.</summary>
    public const byte FalsePositive = 1;

    /// <summary>Code of a pixel only true masks cover.</summary>
    public const byte FalseNegative = 2;

    /// <summary>Code of a pixel both cover.</summary>
    public const byte TruePositive = 3;

    /// <summary>A width x height row-major map of the codes above.</summary>
    public static byte[] Map(IEnumerable<BitMask> predicted, IEnumerable<BitMask> truth, int width, int height)
    {
        var map = new byte[width * height];
        var pred = new byte[width * height];
        foreach (var m in predicted) if (!m.Rect.IsEmpty) m.PaintInto(pred, FalsePositive);
        foreach (var m in truth) if (!m.Rect.IsEmpty) m.PaintInto(map, FalseNegative);
        for (int i = 0; i < map.Length; i++) map[i] |= pred[i];
        return map;
    }

    /// <summary>Counts of true-positive, missed and false pixels in a map from <see cref="Map"/>.</summary>
    public static (long TruePositive, long FalseNegative, long FalsePositive) Count(ReadOnlySpan<byte> map)
    {
        long tp = 0, fn = 0, fp = 0;
        foreach (byte c in map)
        {
            if (c == TruePositive) tp++;
            else if (c == FalseNegative) fn++;
            else if (c == FalsePositive) fp++;
        }
        return (tp, fn, fp);
    }
}
