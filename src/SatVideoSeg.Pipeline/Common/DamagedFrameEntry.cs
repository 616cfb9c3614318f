using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>A damaged frame file as run.json, convert's status files and the report pages list it.</summary>
/// <param name="Frame">1-based frame number.</param>
/// <param name="File">The image file.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="Action">"skip" or "use", as --damaged-frames asked.</param>
public sealed record DamagedFrameEntry(int Frame, string File, string Problem, string Action)
{
    /// <summary>One line for the report page.</summary>
    public override string ToString() => $"frame {Frame} ({Path.GetFileName(File)}, {Action}): {Problem}";

    /// <summary>The entry for a damaged frame a source met.</summary>
    public static DamagedFrameEntry From(DamagedFrame d) => new(d.FrameIndex + 1, d.File, d.Problem, d.Policy.ToString().ToLowerInvariant());
}
