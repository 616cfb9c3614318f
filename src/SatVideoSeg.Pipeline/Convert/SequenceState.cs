namespace SatVideoSeg.Pipeline.Convert;

/// <summary>State of a sequence in a progress report.</summary>
public enum SequenceState
{
    /// <summary>Frames are being converted.</summary>
    Running,

    /// <summary>All outputs and the done marker are written.</summary>
    Finished,

    /// <summary>A done marker from an earlier run was found; nothing was redone.</summary>
    Skipped,
}
