namespace SatVideoSeg.Video.Rendering;

/// <summary>A zoomed square crop of one track in one frame: Size x Size BGR24 pixels.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="FrameIndex">0-based frame the crop was cut from.</param>
/// <param name="Size">Side in pixels.</param>
/// <param name="Pixels">BGR24, row-major.</param>
public sealed record CropTile(int TrackId, int FrameIndex, int Size, byte[] Pixels);
