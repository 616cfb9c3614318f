using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>Everything `satvidseg render` is asked to do.</summary>
/// <param name="Input">Video file, folder of frames, or one image.</param>
/// <param name="Tracks">MOTS file of the mask tracks to draw.</param>
/// <param name="Output">Video to write: .mp4 (H.264), .gif or .webp.</param>
public sealed record RenderOptions(string Input, string Tracks, string Output)
{
    /// <summary>MOTS file of ground truth to compare the tracks with; null = no comparison.</summary>
    public string? Compare { get; init; }

    /// <summary>Box file (MOT or SOT) whose boxes are the prompts drawn with <see cref="OverlayStyle.PromptBoxes"/>; null = each mask's tight box.</summary>
    public string? Boxes { get; init; }

    /// <summary>How a comparison is shown.</summary>
    public CompareMode CompareMode { get; init; } = CompareMode.Both;

    /// <summary>How masks are drawn.</summary>
    public OverlayStyle Style { get; init; } = OverlayStyle.Default;

    /// <summary>Where to write a contact sheet PNG (zoomed crops of every track at regular frames); null = none.</summary>
    public string? ContactSheet { get; init; }

    /// <summary>Where to write report.html; null = none.</summary>
    public string? Report { get; init; }

    /// <summary>Frame rate of image folders (video files carry their own).</summary>
    public double Fps { get; init; } = 10;

    /// <summary>What to do when image-folder frames change size.</summary>
    public FrameSizePolicy SizePolicy { get; init; } = FrameSizePolicy.AnchorTopLeft;

    /// <summary>First frame number of the MOTS files: 1 (MOTSChallenge) or 0 (KITTI MOTS).</summary>
    public int MotsFrameBase { get; init; } = 1;
}
