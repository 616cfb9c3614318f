using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// One frame's journey through a segment run, in frame order (each frame's prompts depend on the
/// previous frame's links). Read <see cref="ProcessFrame"/> top to bottom:
/// 1. predict: end the tracks the frame shows gone (annotation says so, or predicted out of the
///    frame), then prompt with the scheduled boxes, and each live track's Kalman-predicted box where it has none;
/// 2. measure: the appearance step moves predicted prompts to where the track's look matches;
/// 3. segment, or replay the frame from the journal of an interrupted run;
/// 4. resolve overlaps between the masks;
/// 5. link the masks into tracks (the linker updates its tracks; masks it rejects are dropped);
/// 6. carry the tracks' mask memory across interruptions (restored from the journal after a replayed
///    frame, whose masks carry none; saved now and then after a segmented one);
/// 7. remember the linked objects' appearance for the next frame;
/// 8. add the backward pass's masks of this frame, where there was one (each replacing its track's
///    forward mask), and note the tracks lost after it.
/// With <see cref="Propagation.Backward"/> steps 1-7 do not run: every mask comes from the backward pass.
/// The one segment-then-link loop: `segment` runs it with <see cref="TrackedPromptSource"/>,
/// `convert` with the benchmark's boxes (no appearance step, no journal, no linking).
/// With <paramref name="batching"/> (<see cref="ProcessAll"/>), step 3 takes the masks segmented
/// ahead with the crops of the next frames; every other step runs per frame, in order, as without.
/// </summary>
public sealed class FrameSegmenter(
    IFramePrompts prompter,
    AppearanceStep? appearance,
    SegmentJournal? journal,
    Func<ISegmenter> segmenter,
    IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>> backward,
    bool forward,
    StageTimer timer,
    CrossFrameBatching? batching = null)
{
    /// <summary>Frames replayed from the journal so far.</summary>
    public int Replayed { get; private set; }

    /// <summary>Every frame of <paramref name="frames"/>, in order, with its linked, non-overlapping objects (<see cref="Process"/>, after cross-frame batching where given).</summary>
    public IEnumerable<(Frame Frame, FrameDetections Detections)> ProcessAll(IEnumerable<Frame> frames, CancellationToken cancellationToken)
    {
        var ahead = batching is not null && forward ? batching.SegmentAhead(frames, segmenter, cancellationToken) : frames.Select(f => (f, (SegmentedAhead?)null));
        foreach (var (frame, segmented) in ahead) yield return (frame, ProcessFrame(frame, segmented, cancellationToken));
    }

    /// <summary>The frame's linked, non-overlapping objects.</summary>
    public FrameDetections Process(Frame frame, CancellationToken cancellationToken) => ProcessFrame(frame, null, cancellationToken);

    private FrameDetections ProcessFrame(Frame frame, SegmentedAhead? ahead, CancellationToken cancellationToken)
    {
        IReadOnlyList<SegmentedObject> linked = [];
        if (forward)
        {
            var prompts = Predict(frame);
            prompts = Measure(frame, prompts);
            var (segmented, replayed) = SegmentOrReplay(frame, prompts, ahead, cancellationToken);
            var resolved = Resolve(segmented);
            linked = Link(frame, resolved);
            CarryMemory(frame.Index, replayed);
            appearance?.Remember(frame, linked);
        }
        return new FrameDetections(frame.Index, frame.Width, frame.Height, WithBackward(frame.Index, linked)) { LostTrackIds = [.. prompter.LostTrackIds] };
    }

    private IReadOnlyList<ObjectPrompt> Predict(Frame frame) => timer.Time("link", () => prompter.PromptsFor(frame));

    private IReadOnlyList<ObjectPrompt> Measure(Frame frame, IReadOnlyList<ObjectPrompt> prompts) =>
        appearance is null ? prompts : timer.Time("appearance", () => appearance.Correct(frame, prompts));

    private (IReadOnlyList<SegmentedObject> Objects, bool Replayed) SegmentOrReplay(Frame frame, IReadOnlyList<ObjectPrompt> prompts, SegmentedAhead? ahead, CancellationToken cancellationToken)
    {
        if (journal?.TryReplay(frame.Index, prompts, frame.Width, frame.Height) is { } replayed)
        {
            Replayed++;
            return (replayed, true);
        }
        var model = segmenter(); // segment's waits for the load on the first frame, outside the "segment" clock
        // A frame without prompts has nothing to segment (a whole-frame model would still encode it).
        IReadOnlyList<SegmentedObject> segmented = prompts.Count == 0 ? []
            : ahead?.For(frame.Index, prompts) ?? timer.Time("segment", () => model.Segment(frame, prompts, cancellationToken));
        if (journal is not null) timer.Time("journal", () => journal.Record(frame.Index, prompts, segmented));
        return (segmented, false);
    }

    private void CarryMemory(int frameIndex, bool replayed)
    {
        if (journal is null) return;
        if (!replayed) timer.Time("journal", () => journal.RecordMemory(frameIndex, () => prompter.TrackMemory));
        else if (journal.MemoryAfter(frameIndex) is { } memory) prompter.RestoreTrackMemory(memory);
    }

    private IReadOnlyList<SegmentedObject> Resolve(IReadOnlyList<SegmentedObject> segmented) =>
        timer.Time("resolve", () => OverlapResolver.Resolve(segmented));

    private IReadOnlyList<SegmentedObject> Link(Frame frame, IReadOnlyList<SegmentedObject> resolved) =>
        timer.Time("link", () => prompter.Link(frame.Index, resolved));

    // A track's backward mask replaces its forward one (--propagate both takes, per frame, the pass
    // whose box is nearer; before a track's first box there is no forward mask to replace).
    private IReadOnlyList<SegmentedObject> WithBackward(int frameIndex, IReadOnlyList<SegmentedObject> linked)
    {
        if (!backward.TryGetValue(frameIndex, out var earlier)) return linked;
        var replaced = earlier.Select(o => o.TrackId).ToHashSet();
        return timer.Time("resolve", () => OverlapResolver.Resolve([.. linked.Where(o => !replaced.Contains(o.TrackId)), .. earlier]));
    }
}
