using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The annotation boxes checked against the frame size, as prompts per frame. A box wholly outside
/// the frame is an error naming its file and line; a box partly outside is clipped to the frame
/// and counted (annotations of objects entering the frame do this).
/// </summary>
public sealed class PromptPlan
{
    private readonly BoxAnnotations _boxes;
    private readonly int _width;
    private readonly int _height;
    private readonly Dictionary<int, int> _firstFrames = [];

    /// <summary>Checks every box against a width x height frame (<paramref name="useIds"/>: messages name the box's object id).</summary>
    public PromptPlan(BoxAnnotations boxes, int width, int height, bool useIds = true)
    {
        _boxes = boxes;
        _width = width;
        _height = height;
        foreach (int f in boxes.Frames)
        {
            foreach (var b in boxes.ForFrame(f))
            {
                var clipped = b.Box.ClipTo(width, height);
                if (clipped.ToPixelRect().IsEmpty)
                    throw new JobException($"{boxes.File}:{b.Line}: box {b.Shown}{(useIds ? $" of object {b.TrackId}" : "")} in frame {f + 1} lies outside the {width}x{height} frame");
                if (clipped != b.Box) ClippedBoxes++;
                _firstFrames.TryAdd(b.TrackId, f);
            }
        }
        FirstFrame = _firstFrames.Count == 0 ? null : _firstFrames.Values.Min();
    }

    /// <summary>First annotated frame (0-based) of each object id.</summary>
    public IReadOnlyDictionary<int, int> FirstFrames => _firstFrames;

    /// <summary>First annotated frame (0-based) of the whole file, or null when it holds no box.</summary>
    public int? FirstFrame { get; }

    /// <summary>Boxes that reached past the frame edge and were clipped.</summary>
    public int ClippedBoxes { get; }

    /// <summary>The prompts of a 0-based frame.</summary>
    public IReadOnlyList<ObjectPrompt> ForFrame(int frameIndex) =>
        _boxes.ForFrame(frameIndex)
            .Select(b => new ObjectPrompt(b.TrackId, b.Class, b.Box.ClipTo(_width, _height)))
            .ToArray();
}
