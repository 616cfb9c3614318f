using System.Diagnostics;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Segmentation;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Cross-frame batching: where no frame's prompts depend on an earlier frame's masks, the crops of
/// consecutive frames go through the model together (<see cref="ICrossFrameSegmenter.SegmentFrames"/>,
/// holding at most <see cref="LookAhead.Default"/> frames), and <see cref="FrameSegmenter"/> then
/// takes each frame, in order, through the steps after segmenting (journal, resolve, link, memory,
/// write) exactly as frame by frame. A GPU is mostly idle on one frame's dozen crops.
/// The prompts read ahead come from <paramref name="plannedPrompts"/>, which must give what the
/// run's prompt source gives when the frame's turn comes, reading nothing of earlier frames:
/// `convert`'s benchmark boxes always, `segment`'s annotation boxes when every box is used
/// (<see cref="ForSegment"/>). <see cref="SegmentedAhead.For"/> checks that at each frame.
/// </summary>
/// <param name="plannedPrompts">A frame's prompts, without side effects (no counting, no track changes).</param>
/// <param name="journal">A resumed run's journal: frames it will replay are not segmented ahead.</param>
/// <param name="timer">Receives the "segment" seconds (the model's share of reading ahead, decode waits left out).</param>
public sealed class CrossFrameBatching(Func<Frame, IReadOnlyList<ObjectPrompt>> plannedPrompts, SegmentJournal? journal, StageTimer timer)
{
    /// <summary>
    /// Cross-frame batching for a `segment` run where it applies, decided once from the options:
    /// every box used (no <c>--boxes-every</c> or <c>--init-only</c>: nothing is predicted, so there
    /// is no appearance step and no mask memory offered) and forward propagation only, unless
    /// <see cref="SegmentOptions.AcrossFrames"/> is off. Null otherwise.
    /// </summary>
    public static CrossFrameBatching? ForSegment(SegmentOptions options, SegmentInputs inputs, SegmentJournal? journal, StageTimer timer)
    {
        if (!options.AcrossFrames || !options.Schedule.IsDense || options.Propagate != Propagation.Forward) return null;
        return new CrossFrameBatching(frame => inputs.Prompter.ScheduledPrompts(frame.Index), journal, timer);
    }

    /// <summary>
    /// The frames in order, each with its masks segmented ahead: null for every frame where the
    /// segmenter does not batch across frames (decided at the first frame, once the model has loaded).
    /// </summary>
    public IEnumerable<(Frame Frame, SegmentedAhead? Ahead)> SegmentAhead(IEnumerable<Frame> frames, Func<ISegmenter> segmenter, CancellationToken cancellationToken)
    {
        using var decoded = frames.GetEnumerator();
        if (!decoded.MoveNext()) yield break;
        // Waits for the model's load (outside the "segment" clock, as frame by frame).
        if (segmenter() is not ICrossFrameSegmenter { BatchesAcrossFrames: true } model)
        {
            do yield return (decoded.Current, null);
            while (decoded.MoveNext());
            yield break;
        }
        var waited = new DecodeWait();
        using var segmented = model.SegmentFrames(Planned(decoded, waited), LookAhead.Default, cancellationToken).GetEnumerator();
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            waited.Ticks = 0;
            bool more = segmented.MoveNext();
            timer.Add("segment", Stopwatch.GetElapsedTime(start) - Stopwatch.GetElapsedTime(0, waited.Ticks));
            if (!more) yield break;
            var (input, objects) = segmented.Current;
            yield return (input.Frame, new SegmentedAhead(input.Prompts, objects));
        }
    }

    // The decoded frames with their planned prompts (none for a frame the journal will replay),
    // starting at the current one; time spent waiting for the decoder goes to waited.
    private IEnumerable<PromptedFrame> Planned(IEnumerator<Frame> decoded, DecodeWait waited)
    {
        bool more;
        do
        {
            var frame = decoded.Current;
            var prompts = plannedPrompts(frame);
            yield return new PromptedFrame(frame, journal?.Holds(frame.Index, prompts) == true ? [] : prompts);
            long start = Stopwatch.GetTimestamp();
            more = decoded.MoveNext();
            waited.Ticks += Stopwatch.GetTimestamp() - start;
        }
        while (more);
    }

    private sealed class DecodeWait
    {
        public long Ticks { get; set; }
    }
}
