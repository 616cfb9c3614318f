namespace SatVideoSeg.Video.Rendering;

/// <summary>How masks are drawn over frames. Every option is off-switchable, and the same style
/// always gives the same pixels (see <see cref="OverlayRenderer"/>).</summary>
/// <param name="FillOpacity">Mask fill opacity, 0 (contours only) to 1.</param>
/// <param name="Contours">Draw each mask's one-pixel outline in full colour.</param>
/// <param name="Labels">Write "id class" next to each object (with a leader line when it is tiny).</param>
/// <param name="PromptBoxes">Draw prompt boxes: annotated solid, Kalman-predicted dashed.</param>
/// <param name="FrameCounter">Write the frame number (and the timestamp, when the rate is known) in the top-left corner.</param>
public sealed record OverlayStyle(
    double FillOpacity = 0.45,
    bool Contours = true,
    bool Labels = true,
    bool PromptBoxes = false,
    bool FrameCounter = true)
{
    /// <summary>The default look of segment's overlay video.</summary>
    public static OverlayStyle Default { get; } = new();

    /// <summary>Centres of the last N frames drawn as a fading trail per track; 0 = no trails.</summary>
    public int TrailLength { get; init; }

    /// <summary>Objects whose tight box is smaller than this on its longer side (pixels) get a leader line to a label set further off.</summary>
    public int LeaderBelow { get; init; } = 10;

    /// <summary>Draw crop-and-zoom insets of objects smaller than <see cref="InsetBelow"/> pixels.</summary>
    public bool Insets { get; init; }

    /// <summary>Objects whose tight box is smaller than this on its longer side (pixels) get an inset; 20 by default.</summary>
    public int InsetBelow { get; init; } = 20;

    /// <summary>At most this many insets per frame (lowest track ids first, so the choice is stable).</summary>
    public int MaxInsets { get; init; } = 4;

    /// <summary>Side of an inset in output pixels.</summary>
    public int InsetSize { get; init; } = 96;
}
