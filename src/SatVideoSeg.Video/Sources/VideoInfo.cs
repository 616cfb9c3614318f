namespace SatVideoSeg.Video.Sources;

/// <summary>What a frame source knows before decoding: frame size, rate and (where known) count.</summary>
/// <param name="Path">The file or folder read.</param>
/// <param name="Width">Frame width in pixels (of the first frame for image folders).</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Fps">Frames per second (image folders: the rate asked for, default 10).</param>
/// <param name="FrameCount">Number of frames, or null when the container does not say.</param>
public sealed record VideoInfo(string Path, int Width, int Height, double Fps, int? FrameCount);
