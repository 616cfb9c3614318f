using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Backward propagation: the same prompt -> appearance -> segment -> link steps run over the frames
/// in reverse. Time runs backward only inside this pass: its linker sees frame <c>last - f</c> for
/// frame <c>f</c>, so the Kalman filter extrapolates into the past. With <c>--propagate both</c> it
/// starts each track from its first box and keeps the frames before it (the forward pass has the
/// rest); with <c>--propagate backward</c> it uses every box the schedule allows, each a new start
/// for its track going back, and keeps every frame. Needs a folder of frames (read back to front);
/// the masks are kept until the forward pass writes them.
/// </summary>
public static class BackwardPass
{
    /// <summary>Masks of the frames before each track's first box, by 0-based frame (empty when every track starts at frame 0).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> BeforeFirstBoxes(ImageSequenceSource source, BoxAnnotations boxes, PromptPlan plan,
        ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var starts = plan.FirstFrames.Where(kv => kv.Value > 0).ToDictionary();
        var firstBoxes = starts.Select(kv => boxes.ForFrame(kv.Value).First(b => b.TrackId == kv.Key));
        var masks = Run(source, boxes, firstBoxes, segmenter, cancellationToken);
        return masks.Select(kv => (kv.Key, Objects: (IReadOnlyList<SegmentedObject>)kv.Value.Where(o => kv.Key < starts[o.TrackId]).ToArray()))
            .Where(f => f.Objects.Count > 0)
            .ToDictionary(f => f.Key, f => f.Objects);
    }

    /// <summary>Masks of every frame up to each track's last box that <paramref name="schedule"/> uses, by 0-based frame.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> FromEveryUsedBox(ImageSequenceSource source, BoxAnnotations boxes, PromptPlan plan,
        BoxSchedule schedule, ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var used = boxes.Frames.SelectMany(boxes.ForFrame).Where(b => schedule.Uses(plan.FirstFrames[b.TrackId], b.FrameIndex));
        return Run(source, boxes, used, segmenter, cancellationToken);
    }

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
