using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// A second box file (<c>--corrections</c>) with boxes for some frames of some tracks, given after a
/// run where the propagation went wrong: each replaces the track's box in that frame (or adds one),
/// and is always used, whatever the box schedule, as a hard reset of the track. Frames before the
/// first correction keep their prompts, so the journal replays them; the span after it is re-run.
/// </summary>
public sealed class Corrections
{
    private readonly HashSet<(int Frame, int TrackId)> _corrected;

    private Corrections(BoxAnnotations boxes, HashSet<(int, int)> corrected)
    {
        Boxes = boxes;
        _corrected = corrected;
    }

    /// <summary>The annotation with the corrections applied.</summary>
    public BoxAnnotations Boxes { get; }

    /// <summary>Number of corrected boxes.</summary>
    public int Count => _corrected.Count;

    /// <summary>The first corrected frame (0-based), null without corrections.</summary>
    public int? FirstFrame => _corrected.Count == 0 ? null : _corrected.Min(c => c.Frame);

    /// <summary>Whether a track's box in a frame is a correction (then it is used whatever the schedule).</summary>
    public bool Covers(int frameIndex, int trackId) => _corrected.Contains((frameIndex, trackId));

    /// <summary>No corrections: the annotation as it is.</summary>
    public static Corrections None(BoxAnnotations boxes) => new(boxes, []);

    /// <summary>
    /// Applies <paramref name="corrections"/> to <paramref name="boxes"/>; a correction without an id,
    /// or with an id the box file does not have, is an error naming its line.
    /// </summary>
    public static Corrections Apply(BoxAnnotations boxes, BoxAnnotations corrections)
    {
        var ids = boxes.Frames.SelectMany(boxes.ForFrame).Select(b => b.TrackId).ToHashSet();
        var given = corrections.Frames.SelectMany(corrections.ForFrame).ToArray();
        foreach (var c in given)
        {
            if (c.TrackId < 0 || !ids.Contains(c.TrackId))
                throw new JobException($"{corrections.File}:{c.Line}: a correction for object {c.TrackId}, which {boxes.File} does not have (corrections move the boxes of existing objects)");
        }
        var corrected = given.Select(c => (c.FrameIndex, c.TrackId)).ToHashSet();
        var kept = boxes.Frames.SelectMany(boxes.ForFrame).Where(b => !corrected.Contains((b.FrameIndex, b.TrackId)));
        var merged = new BoxAnnotations(boxes.File, boxes.Format, kept.Concat(given)) { NoBoxRows = boxes.NoBoxRows };
        return new Corrections(merged, corrected);
    }
}
