using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Tracking;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Backward propagation: the same prompt -> appearance -> segment -> link steps run over the frames
/// in reverse. Time runs backward only inside this pass: its linker sees frame <c>last - f</c> for
/// frame <c>f</c>, so the Kalman filter extrapolates into the past. It starts from every box the
/// run uses (<see cref="UsedBoxes"/>: the schedule's and the corrections), each a new start for its
/// track going back. With <c>--propagate both</c> it keeps the frames before a track's first box and
/// those nearer the next box than the previous one (the forward pass has the rest); with
/// <c>--propagate backward</c> it keeps every frame. Needs a folder of frames (read back to front);
/// the masks are kept until the forward pass writes them.
/// </summary>
public static class BackwardPass
{
    /// <summary>
    /// The backward masks <c>--propagate both</c> uses, by 0-based frame: every frame before a track's
    /// first box (unless that box touches the frame's edge: the object entered there), and every
    /// frame between two of its <paramref name="used"/> boxes that lies nearer the later box
    /// (strictly: a frame halfway, or a box's own frame, keeps the forward mask). Propagation drifts
    /// with the distance from its box, so each frame takes the pass whose box is nearer.
    /// </summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> NearerThanForward(ImageSequenceSource source, BoxAnnotations boxes, UsedBoxes used,
        ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var starts = UsedOf(boxes, used);
        var usedFrames = starts.GroupBy(b => b.TrackId).ToDictionary(g => g.Key, g => g.Select(b => b.FrameIndex).Order().ToArray());
        return Keep(Run(source, boxes, starts, segmenter, cancellationToken), starts, source, (o, frame) => NearerTheNextBox(usedFrames[o.TrackId], frame));
    }

    /// <summary>
    /// Whether 0-based <paramref name="frame"/> lies strictly nearer the next of a track's used box
    /// frames (<paramref name="usedFrames"/>, ascending) than the last one before it, or before the
    /// first: there the backward pass's mask is the one to keep.
    /// </summary>
    public static bool NearerTheNextBox(int[] usedFrames, int frame)
    {
        int next = Array.BinarySearch(usedFrames, frame);
        if (next >= 0) return false; // a box's own frame: the forward pass prompts with the box
        next = ~next;
        if (next == usedFrames.Length) return false; // after the last box: no backward pass reaches it
        return next == 0 || usedFrames[next] - frame < frame - usedFrames[next - 1];
    }

    /// <summary>Masks of every frame up to each track's last <paramref name="used"/> box, by 0-based frame (none before a first box at the frame's edge).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> FromEveryUsedBox(ImageSequenceSource source, BoxAnnotations boxes, UsedBoxes used,
        ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var starts = UsedOf(boxes, used);
        return Keep(Run(source, boxes, starts, segmenter, cancellationToken), starts, source, (_, _) => true);
    }

    // The masks of each frame that `wanted` keeps, except those before an object came into view: an
    // object whose first box touches the frame's edge entered there, and before it there is nothing
    // of it to segment. (From its first box alone, the synthetic sample's train that enters as a
    // 2 x 1 px sliver on frame 51 got masks along the railway in all 50 frames before it.) An object
    // first boxed inside the frame was there before (the Jilin-1 car's annotation starts on frame 10).
    private static Dictionary<int, IReadOnlyList<SegmentedObject>> Keep(Dictionary<int, IReadOnlyList<SegmentedObject>> masks, AnnotatedBox[] starts,
        ImageSequenceSource source, Func<SegmentedObject, int, bool> wanted)
    {
        var entered = starts.GroupBy(b => b.TrackId).Select(g => g.MinBy(b => b.FrameIndex)!)
            .Where(b => MaskBoxMeasurement.AtEdge(b.Box, source.Info.Width, source.Info.Height) is not (false, false))
            .ToDictionary(b => b.TrackId, b => b.FrameIndex);
        bool InView(SegmentedObject o, int frame) => !(entered.TryGetValue(o.TrackId, out int first) && frame < first);
        return masks.Select(kv => (kv.Key, Objects: (IReadOnlyList<SegmentedObject>)kv.Value.Where(o => InView(o, kv.Key) && wanted(o, kv.Key)).ToArray()))
            .Where(f => f.Objects.Count > 0)
            .ToDictionary(f => f.Key, f => f.Objects);
    }

    // The boxes the run prompts with (the schedule's and the corrections), each a start going back.
    private static AnnotatedBox[] UsedOf(BoxAnnotations boxes, UsedBoxes used) =>
        boxes.Frames.SelectMany(boxes.ForFrame).Where(b => used.Uses(b.TrackId, b.FrameIndex)).ToArray();

    // The steps over the frames from the last given box back to the first frame, the boxes placed
    // on the reversed clock; returns every frame's linked masks.
    private static Dictionary<int, IReadOnlyList<SegmentedObject>> Run(ImageSequenceSource source, BoxAnnotations boxes, IEnumerable<AnnotatedBox> given,
        ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, IReadOnlyList<SegmentedObject>>();
        var starts = given.ToArray();
        if (starts.Length == 0) return result;
        int last = starts.Max(b => b.FrameIndex);
        var reversed = new BoxAnnotations(boxes.File, boxes.Format, starts.Select(b => b with { FrameIndex = last - b.FrameIndex }));
        var prompter = new TrackedPromptSource(new PromptPlan(reversed, source.Info.Width, source.Info.Height), BoxSchedule.AsGiven,
            ignoreIds: false, source.Info.Width, source.Info.Height);
        // The forward pass's per-frame steps on the reversed clock (no journal: not resumable).
        var steps = new FrameSegmenter(new ReversedClock(prompter, last), new AppearanceStep(), journal: null, () => segmenter,
            backward: new Dictionary<int, IReadOnlyList<SegmentedObject>>(), forward: true, new StageTimer());
        foreach (var frame in source.ReadFramesBackward(last, cancellationToken))
        {
            using (frame)
            {
                var linked = steps.Process(frame, cancellationToken).Objects;
                if (linked.Count > 0) result[frame.Index] = linked;
            }
        }
        return result;
    }

    // Prompts and links a frame at its place on the reversed clock: frame f is linker frame last - f.
    private sealed class ReversedClock(TrackedPromptSource prompter, int last) : IFramePrompts
    {
        public IReadOnlyList<ObjectPrompt> PromptsFor(Frame frame) => prompter.PromptsFor(last - frame.Index);

        public IReadOnlyList<SegmentedObject> Link(int frameIndex, IReadOnlyList<SegmentedObject> resolved) => prompter.Link(last - frameIndex, resolved);

        public IEnumerable<int> LostTrackIds => prompter.LostTrackIds;

        public IReadOnlyDictionary<int, MaskLogits> TrackMemory => prompter.TrackMemory;

        public void RestoreTrackMemory(IReadOnlyDictionary<int, MaskLogits> memory) => prompter.RestoreTrackMemory(memory);
    }
}
