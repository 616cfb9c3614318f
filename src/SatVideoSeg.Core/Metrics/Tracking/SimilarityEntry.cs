namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>A nonzero similarity between ground-truth detection <paramref name="Row"/> and predicted detection <paramref name="Col"/> of one frame.</summary>
/// <param name="Row">Index into <see cref="FrameSimilarity.GtIds"/>.</param>
/// <param name="Col">Index into <see cref="FrameSimilarity.TrackerIds"/>.</param>
/// <param name="Value">Similarity in (0, 1] (mask IoU).</param>
public readonly record struct SimilarityEntry(int Row, int Col, double Value);
