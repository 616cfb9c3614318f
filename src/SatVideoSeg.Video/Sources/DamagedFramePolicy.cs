namespace SatVideoSeg.Video.Sources;

/// <summary>
/// What to do with a frame file of an image folder that is damaged: cut short, so that its
/// decoder would report "premature end" and guess the rest (see <see cref="FrameFileCheck"/>).
/// </summary>
public enum DamagedFramePolicy
{
    /// <summary>Default: stop before any work, naming the file and its 1-based frame.</summary>
    Fail,

    /// <summary>Leave the frame out (its number stays taken: later frames keep theirs); each one is listed.</summary>
    Skip,

    /// <summary>Decode what is there (a truncated JPEG's missing rows come out grey); each one is listed.</summary>
    Use,
}

/// <summary>A damaged frame file met and what was done with it.</summary>
/// <param name="FrameIndex">0-based frame index (for a video, the frame near which FFmpeg first reported damage; -1 when not known).</param>
/// <param name="File">The image file.</param>
/// <param name="Problem">What is wrong with it ("no JPEG end marker (FF D9): the file is cut short").</param>
/// <param name="Policy">What was done: skipped or used.</param>
public sealed record DamagedFrame(int FrameIndex, string File, string Problem, DamagedFramePolicy Policy);
