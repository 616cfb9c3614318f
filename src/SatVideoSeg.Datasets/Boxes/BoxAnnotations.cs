namespace SatVideoSeg.Datasets.Boxes;

/// <summary>The boxes of a video grouped by 0-based frame index, with the file they came from.</summary>
public sealed class BoxAnnotations
{
    private readonly Dictionary<int, List<AnnotatedBox>> _byFrame = [];

    /// <summary>
    /// Groups boxes by frame; a track id appearing twice in one frame is an error naming both lines
    /// (negative ids, as in MOT detection files, mean "no id" and may repeat).
    /// </summary>
    public BoxAnnotations(string file, BoxFileFormat format, IEnumerable<AnnotatedBox> boxes)
    {
        File = file;
        Format = format;
        foreach (var b in boxes)
        {
            if (!_byFrame.TryGetValue(b.FrameIndex, out var list)) _byFrame[b.FrameIndex] = list = [];
            var twin = b.TrackId < 0 ? null : list.FirstOrDefault(o => o.TrackId == b.TrackId);
            if (twin is not null)
                throw new AnnotationFormatException(file, b.Line, $"object {b.TrackId} already has a box in frame {b.FrameIndex + 1} (line {twin.Line})");
            list.Add(b);
        }
    }

    /// <summary>The annotation file.</summary>
    public string File { get; }

    /// <summary>The layout it was read as.</summary>
    public BoxFileFormat Format { get; }

    /// <summary>Rows that said "no box in this frame" (SOT whole rows of -1, NaN or 0).</summary>
    public int NoBoxRows { get; init; }

    /// <summary>Number of boxes over all frames.</summary>
    public int Count => _byFrame.Values.Sum(l => l.Count);

    /// <summary>Frames (0-based) that have at least one box.</summary>
    public IEnumerable<int> Frames => _byFrame.Keys.Order();

    /// <summary>The boxes of a 0-based frame (empty when it has none).</summary>
    public IReadOnlyList<AnnotatedBox> ForFrame(int frameIndex) =>
        _byFrame.TryGetValue(frameIndex, out var list) ? list : [];
}
