using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Backward propagation (<c>--propagate both</c>): the frames before each track's first annotated
/// box get masks by running the same prompt -> appearance -> segment -> link steps over the frames
/// in reverse, each track starting from its first box. Time runs backward only inside this pass:
/// its linker sees frame <c>last - f</c> for frame <c>f</c>, so the Kalman filter extrapolates into the past.
/// Needs a folder of frames (read back to front); the masks are kept until the forward pass writes them.
/// </summary>
public static class BackwardPass
{
    /// <summary>Masks of the frames before each track's first box, by 0-based frame (empty when every track starts at frame 0).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> Run(ImageSequenceSource source, BoxAnnotations boxes, PromptPlan plan,
        ISegmenter segmenter, CancellationToken cancellationToken)
    {
        var starts = plan.FirstFrames.Where(kv => kv.Value > 0).ToDictionary();
        var result = new Dictionary<int, IReadOnlyList<SegmentedObject>>();
        if (starts.Count == 0) return result;
        int last = starts.Values.Max();
        // Each track's first box, placed at its frame on the reversed clock.
        var firstBoxes = starts.Select(kv => boxes.ForFrame(kv.Value).First(b => b.TrackId == kv.Key) with { FrameIndex = last - kv.Value });
        var reversed = new BoxAnnotations(boxes.File, boxes.Format, firstBoxes);
        var prompter = new TrackedPromptSource(new PromptPlan(reversed, source.Info.Width, source.Info.Height), BoxSchedule.InitOnly,
            ignoreIds: false, source.Info.Width, source.Info.Height);
        var appearance = new AppearanceStep();
        foreach (var frame in source.ReadFramesBackward(last, cancellationToken))
        {
            using (frame)
            {
                int clock = last - frame.Index;
                var prompts = appearance.Correct(frame, prompter.PromptsFor(clock));
                var linked = prompter.Link(clock, OverlapResolver.Resolve(segmenter.Segment(frame, prompts, cancellationToken)));
                appearance.Remember(frame, linked);
                var before = linked.Where(o => starts.TryGetValue(o.TrackId, out int first) && frame.Index < first).ToArray();
                if (before.Length > 0) result[frame.Index] = before;
            }
        }
        return result;
    }
}
