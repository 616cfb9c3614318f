using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Video.Rendering;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>Everything `satvidseg segment` is asked to do.</summary>
/// <param name="Input">Video file, folder of frames, or one image.</param>
/// <param name="Boxes">Per-frame box file (MOT or SOT).</param>
/// <param name="OutputDirectory">Where tracks.mots.txt, overlay.mp4 and run.json go.</param>
/// <param name="Segmenter">Segmenter name: "sam" (the model in <paramref name="Model"/>), "box" or "grabcut".</param>
/// <param name="Model">Model folder holding model.json (segmenter "sam"); null = the shipped default model.</param>
public sealed record SegmentOptions(string Input, string Boxes, string OutputDirectory, string Segmenter = "sam", string? Model = null)
{
    /// <summary>Execution device for the model: cpu, cuda, cuda:N or auto.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>ONNX Runtime intra-op threads (0 = one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Resume from the output folder's journal when an earlier run with the same inputs and settings was interrupted (default); false starts afresh.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Object crops per encoder/decoder call (0 = measured on the first frames and chosen automatically).</summary>
    public int BatchSize { get; init; }

    /// <summary>
    /// Let crops of consecutive frames share model calls where no prompt depends on an earlier
    /// frame's masks (every box used; <see cref="CrossFrameBatching"/>). False: each frame's crops in
    /// calls of their own (`--per-frame-batches`, for speed comparisons: the masks are the same).
    /// </summary>
    public bool AcrossFrames { get; init; } = true;

    /// <summary>
    /// CUDA only: cap of ONNX Runtime's GPU memory arena in MiB (0 = no cap), for a GPU shared with
    /// other work. The automatic batch size then stops at the last size that fits under it.
    /// </summary>
    public int GpuMemLimitMiB { get; init; }

    /// <summary>Box file layout (auto-detected by default).</summary>
    public BoxFileFormat BoxFormat { get; init; } = BoxFileFormat.Auto;

    /// <summary>Frame rate of image folders (video files carry their own).</summary>
    public double Fps { get; init; } = 10;

    /// <summary>What to do when image-folder frames change size.</summary>
    public FrameSizePolicy SizePolicy { get; init; } = FrameSizePolicy.AnchorTopLeft;

    /// <summary>What to do with frame files of a folder that are cut short: Fail (default, before any work), Skip or Use; skipped and used ones are listed in run.json.</summary>
    public DamagedFramePolicy DamagedFrames { get; init; } = DamagedFramePolicy.Fail;

    /// <summary>First frame number written to MOTS: 1 (MOTSChallenge) or 0 (KITTI MOTS).</summary>
    public int MotsFrameBase { get; init; } = 1;

    /// <summary>Whether to write overlay.mp4.</summary>
    public bool WriteOverlay { get; init; } = true;

    /// <summary>
    /// Use an annotated object's box on every K-th frame after its first (1 = every box); frames
    /// between are prompted with the track's Kalman-predicted box.
    /// </summary>
    public int BoxesEvery { get; init; } = 1;

    /// <summary>Use each object's first annotated box only; later frames are prompted with predicted boxes.</summary>
    public bool InitOnly { get; init; }

    /// <summary>Treat the boxes as detections without ids: the linker names the tracks (implied when ids are negative).</summary>
    public bool IgnoreIds { get; init; }

    /// <summary>
    /// A second box file, in the box file's format, with boxes for some frames of some tracks: each
    /// replaces that box and is always used (<see cref="Segment.Corrections"/>); the journal of the
    /// earlier run in the same --out replays the frames before the first one.
    /// </summary>
    public string? Corrections { get; init; }

    /// <summary>Forward only, backward only, or forward and back from each track's first box (<see cref="Propagation"/>; backward needs a frame folder).</summary>
    public Propagation Propagate { get; init; } = Propagation.Forward;

    /// <summary>Move predicted prompts to where the track's appearance matches in the frame (<see cref="AppearanceStep"/>); sparse boxes only.</summary>
    public bool Appearance { get; init; } = true;

    /// <summary>The box schedule these options ask for.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public BoxSchedule Schedule => InitOnly ? BoxSchedule.InitOnly : BoxSchedule.Every(BoxesEvery);

    /// <summary>Whether to write report.html (a self-contained page of the run: settings, crops, plots per track).</summary>
    public bool WriteReport { get; init; } = true;

    /// <summary>How the overlay is drawn (prompt boxes are added when prompts may be predicted).</summary>
    public OverlayStyle Overlay { get; init; } = OverlayStyle.Default;
}
