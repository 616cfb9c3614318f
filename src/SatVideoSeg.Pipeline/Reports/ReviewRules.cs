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

    /// <summary>
    /// The reasons to review a track; empty when none. Judged on each series' summary, which covers
    /// every frame recorded even where a long track's plotted points were thinned out.
    /// </summary>
    public static IReadOnlyList<string> Reasons(TrackSeries track)
    {
        var reasons = new List<string>();
        if (track.Find(SeriesNames.Area)?.Summary is { } area)
        {
            int empty = area.NonPositive;
            if (empty > 0) reasons.Add($"empty mask in {empty} frame{(empty == 1 ? "" : "s")}");
            if (area.FirstJump is var (frame, ratio)) reasons.Add(Invariant($"area jumps x{ratio:0.##} at frame {frame + 1}"));
        }
        if (track.Find(SeriesNames.PredictedIoU)?.Summary is { Count: > 0 } predicted)
        {
            double mean = predicted.Mean;
            if (mean < LowMeanIoU) reasons.Add(Invariant($"mean predicted IoU {mean:0.00}"));
        }
        foreach (var s in track.Numeric.Where(s => SeriesNames.FixedRange(s.Name) is not null && s.Summary.Count > 0))
        {
            var worst = s.Summary.Min;
            if (worst.Value < LowIoU) reasons.Add(Invariant($"{s.Name} {worst.Value:0.00} at frame {worst.Frame + 1}"));
        }
        if (track.FindCategory(SeriesNames.PromptSource) is { Count: > 0 } source)
        {
            int predictedBoxes = source.Counts.GetValueOrDefault("predicted");
            if (predictedBoxes > PredictedShare * source.Count)
                reasons.Add($"{predictedBoxes} of {source.Count} frames prompted by predicted boxes");
        }
        return reasons;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
