namespace SatVideoSeg.Datasets.YouTubeVis;

/// <summary>A whole YouTube-VIS file: <c>{info, videos, annotations, categories}</c>.</summary>
public sealed record YtvisDataset(IReadOnlyList<YtvisVideo> Videos, IReadOnlyList<YtvisAnnotation> Annotations, IReadOnlyList<YtvisCategory> Categories)
{
    /// <summary>The "info" object's description.</summary>
    public string Description { get; init; } = "satvidseg convert";
}
