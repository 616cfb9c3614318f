namespace SatVideoSeg.Pipeline.Segment;

/// <summary>A damaged frame file as run.json and report.html list it.</summary>
/// <param name="Frame">1-based frame number.</param>
/// <param name="File">The image file.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="Action">"skip" or "use", as --damaged-frames asked.</param>
public sealed record DamagedFrameEntry(int Frame, string File, string Problem, string Action)
{
    /// <summary>One line for the report page.</summary>
    public override string ToString() => $"frame {Frame} ({Path.GetFileName(File)}, {Action}): {Problem}";
}
