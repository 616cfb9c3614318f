using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>A YouTube-VIS annotation or result: its id, class and per-frame RLE (null where absent).</summary>
/// <param name="TrackId">Annotation id (ground truth) or 1-based position in the results file.</param>
/// <param name="ClassName">Category name.</param>
/// <param name="Segmentations">One entry per frame of the video.</param>
public sealed record YouTubeVisTrack(int TrackId, string ClassName, IReadOnlyList<CocoRle?> Segmentations);
