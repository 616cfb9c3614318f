using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// `convert`'s prompts for <see cref="FrameSegmenter"/>: every box of the frame, clipped to it, with
/// its object's output id and class (the class of its first box); a box wholly outside the frame is
/// skipped. Both are counted in the sequence's flags. Nothing is linked: the benchmark's ids are the tracks.
/// </summary>
/// <param name="boxes">The sequence's boxes by 0-based frame.</param>
/// <param name="objects">Output id and class of each benchmark id.</param>
/// <param name="flags">The sequence's counters; "boxesClipped" and "boxesOutsideFrame" are added to.</param>
internal sealed class BenchmarkFramePrompts(ILookup<int, BenchmarkBox> boxes, IReadOnlyDictionary<int, (int Id, ObjectClass Class)> objects,
    IDictionary<string, int> flags) : IFramePrompts
{
    /// <inheritdoc />
    public IReadOnlyList<ObjectPrompt> PromptsFor(Frame frame)
    {
        foreach (var b in boxes[frame.Index])
        {
            var clipped = b.Box.ClipTo(frame.Width, frame.Height);
            if (Outside(clipped)) flags["boxesOutsideFrame"]++;
            else if (clipped != b.Box) flags["boxesClipped"]++;
        }
        return Planned(frame);
    }

    /// <summary>The frame's prompts, counting nothing: what <see cref="PromptsFor"/> returns (cross-frame batching reads them ahead).</summary>
    public IReadOnlyList<ObjectPrompt> Planned(Frame frame) =>
    [
        .. boxes[frame.Index]
            .Select(b => (b.TrackId, Clipped: b.Box.ClipTo(frame.Width, frame.Height)))
            .Where(b => !Outside(b.Clipped))
            .Select(b => new ObjectPrompt(objects[b.TrackId].Id, objects[b.TrackId].Class, b.Clipped)),
    ];

    private static bool Outside(Core.Geometry.BoxXyxy clipped) => clipped.IsEmpty || clipped.ToPixelRect().IsEmpty;

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Link(int frameIndex, IReadOnlyList<SegmentedObject> resolved) => resolved;

    /// <inheritdoc />
    public IEnumerable<int> LostTrackIds => [];

    /// <inheritdoc />
    public IReadOnlyDictionary<int, MaskLogits> TrackMemory { get; } = new Dictionary<int, MaskLogits>();

    /// <inheritdoc />
    public void RestoreTrackMemory(IReadOnlyDictionary<int, MaskLogits> memory)
    {
        // Nothing is linked, so nothing is remembered.
    }
}
