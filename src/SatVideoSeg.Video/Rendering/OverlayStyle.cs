namespace SatVideoSeg.Video.Rendering;

/// <summary>How masks are drawn over frames.</summary>
/// <param name="FillOpacity">Mask fill opacity, 0 (contours only) to 1.</param>
/// <param name="Contours">Draw each mask's one-pixel outline in full colour.</param>
/// <param name="Labels">Write "id class" next to each object.</param>
/// <param name="PromptBoxes">Draw prompt boxes: annotated solid, Kalman-predicted dashed.</param>
/// <param name="FrameCounter">Write the frame number in the top-left corner.</param>
public sealed record OverlayStyle(
    double FillOpacity = 0.45,
    bool Contours = true,
    bool Labels = true,
    bool PromptBoxes = false,
    bool FrameCounter = true)
{
    /// <summary>The default look of segment's overlay video.</summary>
    public static OverlayStyle Default { get; } = new();
}
