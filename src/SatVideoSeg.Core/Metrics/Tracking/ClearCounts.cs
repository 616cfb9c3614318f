namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>The summed fields of TrackEval's CLEAR (its <c>summed_fields</c>), from which every score follows.</summary>
/// <param name="Tp">CLR_TP: matched detections.</param>
/// <param name="Fn">CLR_FN: missed ground-truth detections.</param>
/// <param name="Fp">CLR_FP: unmatched predicted detections.</param>
/// <param name="Idsw">ID switches.</param>
/// <param name="MT">Mostly tracked ids (matched in more than 80% of their frames).</param>
/// <param name="PT">Partly tracked ids (20% to 80%).</param>
/// <param name="ML">Mostly lost ids (under 20%).</param>
/// <param name="Frag">Fragmentations: times a track's matching resumed after a gap, summed over ids.</param>
/// <param name="Frames">CLR_Frames: frames evaluated.</param>
/// <param name="MotpSum">Sum of the similarity (mask IoU) of the matches.</param>
public readonly record struct ClearCounts(long Tp, long Fn, long Fp, long Idsw, long MT, long PT, long ML, long Frag, long Frames, double MotpSum)
{
    /// <summary>Field-wise sum.</summary>
    public static ClearCounts operator +(ClearCounts a, ClearCounts b) =>
        new(a.Tp + b.Tp, a.Fn + b.Fn, a.Fp + b.Fp, a.Idsw + b.Idsw, a.MT + b.MT, a.PT + b.PT, a.ML + b.ML, a.Frag + b.Frag, a.Frames + b.Frames, a.MotpSum + b.MotpSum);
}
