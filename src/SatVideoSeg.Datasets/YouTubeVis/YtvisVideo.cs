namespace SatVideoSeg.Datasets.YouTubeVis;

/// <summary>A YouTube-VIS video: id, frame size, length and one file name per frame.</summary>
public sealed record YtvisVideo(int Id, int Width, int Height, int Length, IReadOnlyList<string> FileNames);
