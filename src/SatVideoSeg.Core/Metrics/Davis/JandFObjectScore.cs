namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>J and F statistics of one annotated object over the evaluated frames.</summary>
/// <param name="MatchedTrackId">The predicted track it was paired with; null when none (scored against an empty mask).</param>
/// <param name="JMean">Mean J.</param>
/// <param name="JRecall">Share of frames with J &gt; 0.5.</param>
/// <param name="JDecay">Mean J of the first quarter minus that of the last quarter.</param>
/// <param name="FMean">Mean F.</param>
/// <param name="FRecall">Share of frames with F &gt; 0.5.</param>
/// <param name="FDecay">Mean F of the first quarter minus that of the last quarter.</param>
public sealed record JandFObjectScore(int? MatchedTrackId, double JMean, double JRecall, double JDecay, double FMean, double FRecall, double FDecay);
