using System.Globalization;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Decides which tracks an analyst should look at first, from whatever series a track has. The
/// thresholds are deliberately loose screening values, not quality claims: an IoU estimate under
/// 0.5 means the segmenter itself doubts the mask, and a mask whose area more than doubles or
/// halves between neighbouring frames has usually leaked or lost part of the object.
/// </summary>
public static class ReviewRules
{
    /// <summary>Mean predicted IoU below this flags a track.</summary>
    public const double LowMeanIoU = 0.7;

    /// <summary>Any IoU-like value (predicted, temporal, vs truth) below this flags a track.</summary>
    public const double LowIoU = 0.5;

    /// <summary>Neighbouring-frame area ratio above this (or below its inverse) flags a track.</summary>
    public const double AreaJump = 2.0;

    /// <summary>Share of frames prompted by predicted boxes above this flags a track.</summary>
    public const double PredictedShare = 0.3;

    /// <summary>The reasons to review a track; empty when none.</summary>
    public static IReadOnlyList<string> Reasons(TrackSeries track)
    {
        var reasons = new List<string>();
        if (track.Find(SeriesNames.Area) is { } area)
        {
            int empty = area.Points.Count(p => p.Value <= 0);
            if (empty > 0) reasons.Add($"empty mask in {empty} frame{(empty == 1 ? "" : "s")}");
            for (int k = 1; k < area.Points.Count; k++)
            {
                var (f0, a0) = area.Points[k - 1];
                var (f1, a1) = area.Points[k];
                if (f1 != f0 + 1 || a0 <= 0 || a1 <= 0) continue;
                double ratio = a1 / a0;
                if (ratio > AreaJump || ratio < 1 / AreaJump)
                {
                    reasons.Add(Invariant($"area jumps x{ratio:0.##} at frame {f1 + 1}"));
                    break;
                }
            }
        }
        if (track.Find(SeriesNames.PredictedIoU) is { Points.Count: > 0 } predicted)
        {
            double mean = predicted.Points.Average(p => p.Value);
            if (mean < LowMeanIoU) reasons.Add(Invariant($"mean predicted IoU {mean:0.00}"));
        }
        foreach (var s in track.Numeric.Where(s => SeriesNames.FixedRange(s.Name) is not null && s.Points.Count > 0))
        {
            var worst = s.Points.MinBy(p => p.Value);
            if (worst.Value < LowIoU) reasons.Add(Invariant($"{s.Name} {worst.Value:0.00} at frame {worst.Frame + 1}"));
        }
        if (track.FindCategory(SeriesNames.PromptSource) is { Points.Count: > 0 } source)
        {
            int predictedBoxes = source.Points.Count(p => p.Value == "predicted");
            if (predictedBoxes > PredictedShare * source.Points.Count)
                reasons.Add($"{predictedBoxes} of {source.Points.Count} frames prompted by predicted boxes");
        }
        return reasons;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
