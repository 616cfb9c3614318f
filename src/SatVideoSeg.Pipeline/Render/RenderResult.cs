namespace SatVideoSeg.Pipeline.Render;

/// <summary>What a render run wrote.</summary>
/// <param name="Frames">Frames rendered.</param>
/// <param name="Tracks">Distinct tracks in the tracks file.</param>
/// <param name="Width">Output width (panels side by side make it wider than the input).</param>
/// <param name="Height">Output height.</param>
/// <param name="TruePositivePixels">Pixels both prediction and truth cover, over all frames (compare only).</param>
/// <param name="MissedPixels">Pixels only truth covers (compare only).</param>
/// <param name="FalsePixels">Pixels only the prediction covers (compare only).</param>
public sealed record RenderResult(int Frames, int Tracks, int Width, int Height, long TruePositivePixels = 0, long MissedPixels = 0, long FalsePixels = 0);
