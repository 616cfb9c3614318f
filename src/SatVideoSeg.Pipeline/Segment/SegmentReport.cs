namespace SatVideoSeg.Pipeline.Segment;

/// <summary>What run.json records about a segment run.</summary>
public sealed record SegmentReport
{
    /// <summary>Tool name and version.</summary>
    public required string Tool { get; init; }

    /// <summary>When the run finished (UTC, ISO 8601).</summary>
    public required string FinishedUtc { get; init; }

    /// <summary>Versions of the tool, runtime, ONNX Runtime, OpenCV and FFmpeg.</summary>
    public required IReadOnlyDictionary<string, string> Versions { get; init; }

    /// <summary>The options the run was given.</summary>
    public required SegmentOptions Options { get; init; }

    /// <summary>The segmenter actually used.</summary>
    public required string Segmenter { get; init; }

    /// <summary>Input frame size and rate.</summary>
    public required Video.Sources.VideoInfo Video { get; init; }

    /// <summary>Frames processed.</summary>
    public int Frames { get; init; }

    /// <summary>Object-frames segmented.</summary>
    public int ObjectFrames { get; init; }

    /// <summary>Frames replayed from the journal of an interrupted earlier run instead of segmented again.</summary>
    public int ResumedFrames { get; init; }

    /// <summary>Distinct track ids written.</summary>
    public int Tracks { get; init; }

    /// <summary>Annotation boxes clipped to the frame.</summary>
    public int ClippedBoxes { get; init; }

    /// <summary>Rows of a single-object box file that said "no box in this frame" (whole rows of -1, NaN or 0).</summary>
    public int NoBoxRows { get; init; }

    /// <summary>Frames of an image folder whose size differed from the first (and how they were handled).</summary>
    public IReadOnlyList<object> FrameSizeChanges { get; init; } = [];

    /// <summary>Frame files of an image folder found cut short and skipped or used (--damaged-frames); 1-based frames.</summary>
    public IReadOnlyList<Common.DamagedFrameEntry> DamagedFrames { get; init; } = [];

    /// <summary>Queue depths between the concurrent stages (a full queue marks the slower consumer).</summary>
    public IReadOnlyDictionary<string, Common.QueueGauge.Stats>? QueueDepths { get; init; }

    /// <summary>Crop batch size used and, when chosen automatically, the seconds per object measured for each size tried.</summary>
    public BatchingReport? Batching { get; init; }

    /// <summary>Peak resident memory of the process in MB (VmHWM on Linux), sampled at the end of the run, after report.html is built.</summary>
    public double PeakMemoryMB { get; init; }

    /// <summary>Wall-clock seconds per stage (stages overlap: decode and write run beside segment).</summary>
    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }

    /// <summary>How prompts were chosen ("every frame", "every 5 frames", "init-only") and whether annotation ids were used.</summary>
    public object? Prompting { get; init; }

    /// <summary>Prompts that were Kalman-predicted boxes rather than annotated ones.</summary>
    public int PredictedPrompts { get; init; }

    /// <summary>Linker events: tracks started, re-linked after being lost, and lost.</summary>
    public object? Linking { get; init; }

    /// <summary>Frames where IoU linking would have linked an annotated id to another track (the annotation won).</summary>
    public IReadOnlyList<object> IdDisagreements { get; init; } = [];

    /// <summary>Per-object quality: predicted IoU, temporal IoU, area jumps, masks beyond their box, predicted prompts, lost frames.</summary>
    public IReadOnlyList<TrackQuality> TrackQuality { get; init; } = [];

    /// <summary>
    /// Where tracks.mots.txt could not hold the track ids (MOTS: 1..999 per class) and renumbered
    /// them: the map's file (ids.json, original id -> obj_id written), how many ids it holds and
    /// renumbers, and why; null when every id was written as it is.
    /// </summary>
    public object? IdMap { get; init; }
}

/// <summary>Quality signals of one track (frames 1-based).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Class">Its class name.</param>
/// <param name="FirstFrame">First frame with a mask.</param>
/// <param name="LastFrame">Last frame with a mask.</param>
/// <param name="Frames">Frames with a linked mask.</param>
/// <param name="EmptyMasks">Frames where its mask came out empty (after overlap removal).</param>
/// <param name="MeanPredictedIoU">Mean of the segmenter's own IoU estimate.</param>
/// <param name="MinPredictedIoU">Lowest such estimate.</param>
/// <param name="MeanArea">Mean mask area in pixels.</param>
/// <param name="MeanTemporalIoU">Mean mask IoU with the previous frame's mask (consecutive frames only; null with fewer than two).</param>
/// <param name="MinTemporalIoU">Lowest such IoU.</param>
/// <param name="LowTemporalIoUFrames">Frames whose temporal IoU fell below 0.5.</param>
/// <param name="AreaJumps">Frames whose mask area changed by more than x1.5 from the previous frame.</param>
/// <param name="AreaJumpFrames">The first 50 of those frames.</param>
/// <param name="MaskLargerThanBox">Frames whose mask reached more than one pixel beyond its prompt box.</param>
/// <param name="PredictedPrompts">Frames prompted with the Kalman-predicted box rather than an annotated one.</param>
/// <param name="PredictedPromptFrames">Those frames as ranges ("11-15,17").</param>
/// <param name="LostFrames">Frames the track was alive but lost (no mask linked).</param>
public sealed record TrackQuality(
    int TrackId,
    string Class,
    int FirstFrame,
    int LastFrame,
    int Frames,
    int EmptyMasks,
    double MeanPredictedIoU,
    double MinPredictedIoU,
    double MeanArea,
    double? MeanTemporalIoU,
    double? MinTemporalIoU,
    int LowTemporalIoUFrames,
    int AreaJumps,
    IReadOnlyList<int> AreaJumpFrames,
    int MaskLargerThanBox,
    int PredictedPrompts,
    string PredictedPromptFrames,
    int LostFrames);
