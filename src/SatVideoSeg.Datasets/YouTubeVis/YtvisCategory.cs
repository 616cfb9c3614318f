namespace SatVideoSeg.Datasets.YouTubeVis;

/// <summary>A YouTube-VIS category.</summary>
public sealed record YtvisCategory(int Id, string Name, string Supercategory = "object");
