namespace SatVideoSeg.Segmentation.Prompts;

/// <summary>How an oriented box becomes a SAM prompt (the decoder takes only axis-aligned boxes and points).</summary>
public enum OrientedPromptMode
{
    /// <summary>(a) The enclosing axis-aligned box alone.</summary>
    Enclosing,

    /// <summary>
    /// (b) The enclosing box plus 3 positive points along the major axis and negative points at the
    /// enclosing box's corners that fall outside the oriented box.
    /// </summary>
    Points,
}
