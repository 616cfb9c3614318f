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
    public required object Video { get; init; }

    /// <summary>Frames processed.</summary>
    public int Frames { get; init; }

    /// <summary>Object-frames segmented.</summary>
    public int ObjectFrames { get; init; }

    /// <summary>Distinct track ids written.</summary>
    public int Tracks { get; init; }

    /// <summary>Annotation boxes clipped to the frame.</summary>
    public int ClippedBoxes { get; init; }

    /// <summary>Frames of an image folder whose size differed from the first (and how they were handled).</summary>
    public IReadOnlyList<object> FrameSizeChanges { get; init; } = [];

    /// <summary>Wall-clock seconds per stage.</summary>
    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }

    /// <summary>Per-object quality: mean predicted IoU, frames, empty masks.</summary>
    public IReadOnlyList<TrackQuality> TrackQuality { get; init; } = [];
}

/// <summary>Quality signals of one track.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Class">Its class name.</param>
/// <param name="Frames">Frames it was prompted in.</param>
/// <param name="EmptyMasks">Frames where its mask came out empty (after overlap removal).</param>
/// <param name="MeanPredictedIoU">Mean of the segmenter's own IoU estimate.</param>
/// <param name="MeanArea">Mean mask area in pixels.</param>
public sealed record TrackQuality(int TrackId, string Class, int Frames, int EmptyMasks, double MeanPredictedIoU, double MeanArea);
