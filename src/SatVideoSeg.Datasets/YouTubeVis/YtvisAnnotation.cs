using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Datasets.YouTubeVis;

/// <summary>
/// One object track of a video: per-frame lists of equal length (the video's length), null where
/// the object is absent. <see cref="Attributes"/> is our extension (written only when non-empty):
/// source id, fine class.
/// </summary>
public sealed record YtvisAnnotation(int Id, int VideoId, int CategoryId, IReadOnlyList<CocoRle?> Segmentations, IReadOnlyList<long?> Areas, IReadOnlyList<BoxXywh?> Bboxes)
{
    /// <summary>COCO iscrowd (always 0 here).</summary>
    public int IsCrowd { get; init; }

    /// <summary>Extra string attributes kept from the source annotation (sorted by key when written).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
