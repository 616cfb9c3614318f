using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Tracking;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Where a segment run's prompts come from, and how its masks become tracks. Three sources:
/// (a) annotation boxes with ids (MOT, SOT): the ids are the track ids, the linker checks them;
/// (b) boxes without ids (detections, or <c>ignoreIds</c>): the linker names the tracks;
/// (c) either, made sparse by a <see cref="BoxSchedule"/>: a live track without a box in a frame
/// is prompted with its Kalman-predicted box (<see cref="PromptSource.Predicted"/>), and the box of
/// the mask it gets is the track's next measurement.
/// Per frame: <see cref="PromptsFor(int)"/>, segment, resolve overlaps, <see cref="Link"/>.
/// </summary>
public sealed class TrackedPromptSource : IFramePrompts
{
    private readonly PromptPlan _plan;
    private readonly BoxSchedule _schedule;
    private readonly bool _useIds;
    private readonly int _width;
    private readonly int _height;
    private readonly HashSet<int> _absent = [];
    private readonly UsedBoxes _used;

    /// <summary>Prompts from <paramref name="plan"/>'s boxes as <paramref name="schedule"/> allows, and every box of <paramref name="corrections"/>; ids used unless <paramref name="ignoreIds"/>.</summary>
    public TrackedPromptSource(PromptPlan plan, BoxSchedule schedule, bool ignoreIds, int width, int height, LinkerOptions? linkerOptions = null,
        Corrections? corrections = null)
    {
        _used = new UsedBoxes(plan, schedule, corrections);
        _plan = plan;
        _schedule = schedule;
        _useIds = !ignoreIds;
        _width = width;
        _height = height;
        Linker = new MaskTrackLinker(linkerOptions);
    }

    /// <summary>The linker that owns the tracks.</summary>
    public MaskTrackLinker Linker { get; }

    /// <inheritdoc />
    public IEnumerable<int> LostTrackIds => Linker.Tracks.Where(t => t.State == TrackState.Lost).Select(t => t.Id);

    /// <inheritdoc />
    public IReadOnlyDictionary<int, MaskLogits> TrackMemory =>
        Linker.Tracks.Where(t => t.Memory is not null).ToDictionary(t => t.Id, t => t.Memory!);

    /// <inheritdoc />
    public void RestoreTrackMemory(IReadOnlyDictionary<int, MaskLogits> memory) => Linker.RestoreMemory(memory);

    /// <summary>Prompts so far that were Kalman predictions.</summary>
    public int PredictedPrompts { get; private set; }

    /// <summary>Tracks ended because their predicted box left the frame.</summary>
    public int Exited { get; private set; }

    /// <summary>Every id disagreement so far (annotation id vs IoU linking).</summary>
    public List<IdDisagreement> Disagreements { get; } = [];

    /// <summary>Tracks started, re-linked after being lost, and lost, so far.</summary>
    public (int Started, int Refound, int Lost) Events { get; private set; }

    /// <inheritdoc cref="PromptsFor(int)"/>
    public IReadOnlyList<ObjectPrompt> PromptsFor(Frame frame) => PromptsFor(frame.Index);

    /// <summary>
    /// The prompts of a 0-based frame: first the tracks the frame shows to be gone are ended
    /// (see EndAbsentTracks, EndExitedTracks), then the prompts are read from the plan and the
    /// linker's remaining tracks: the scheduled annotation boxes, then the predicted boxes of the
    /// live tracks without one.
    /// </summary>
    public IReadOnlyList<ObjectPrompt> PromptsFor(int frameIndex)
    {
        var covered = ScheduledIds(frameIndex);
        EndAbsentTracks(frameIndex, covered);
        var predicted = PredictsIn(frameIndex) ? EndExitedTracks(PredictedWithoutBox(frameIndex, covered)) : [];
        return BuildPrompts(frameIndex, covered, predicted);
    }

    // Ends each id whose scheduled frame came without a box: the annotation says the object left
    // (should the id come back, its box starts a track with the same id).
    private void EndAbsentTracks(int frameIndex, HashSet<int> covered)
    {
        _absent.ExceptWith(covered);
        if (_useIds && _schedule.Interval is not null)
        {
            foreach (var (id, first) in _plan.FirstFrames)
            {
                if (!covered.Contains(id) && _schedule.Uses(first, frameIndex) && _absent.Add(id))
                    Linker.Remove(id);
            }
        }
    }

    // Ends each track whose predicted box has left the frame (the object has gone, not been lost);
    // returns the other predictions.
    private List<TrackPrediction> EndExitedTracks(IEnumerable<TrackPrediction> predictions)
    {
        var staying = new List<TrackPrediction>();
        foreach (var p in predictions)
        {
            if (!p.Box.ClipTo(_width, _height).ToPixelRect().IsEmpty)
            {
                staying.Add(p);
                continue;
            }
            Linker.Remove(p.TrackId);
            Exited++;
        }
        return staying;
    }

    /// <summary>
    /// The annotation boxes a frame's prompts start with, read from the plan alone (no track is read
    /// or changed, and annotated prompts carry no mask memory a segmenter would read): with every box
    /// used, nothing is predicted, so these are the frame's prompts, and cross-frame batching reads
    /// them ahead of the frame's turn.
    /// </summary>
    public IReadOnlyList<ObjectPrompt> ScheduledPrompts(int frameIndex) => [.. Scheduled(frameIndex, ScheduledIds(frameIndex))];

    // The plan's boxes the frame uses, in plan order: with ids those of the covered ids; without,
    // all of them (id 0: the linker names the tracks) where the schedule uses the frame.
    private IEnumerable<ObjectPrompt> Scheduled(int frameIndex, HashSet<int> covered)
    {
        if (_useIds) return _plan.ForFrame(frameIndex).Where(p => covered.Contains(p.TrackId));
        bool used = _plan.FirstFrame is int first && _schedule.Uses(first, frameIndex);
        return used ? _plan.ForFrame(frameIndex).Select(p => p with { TrackId = 0 }) : [];
    }

    // Reads the prompts from the plan and the tracks' predictions; changes no track.
    private List<ObjectPrompt> BuildPrompts(int frameIndex, HashSet<int> covered, IReadOnlyList<TrackPrediction> predicted)
    {
        var prompts = new List<ObjectPrompt>();
        foreach (var p in Scheduled(frameIndex, covered)) prompts.Add(_useIds ? p with { Memory = Linker.Find(p.TrackId)?.Memory } : p);
        foreach (var p in predicted)
        {
            prompts.Add(new ObjectPrompt(p.TrackId, p.Class, Widen(p, _width, _height).ClipTo(_width, _height), PromptSource.Predicted) { Memory = p.Memory });
            PredictedPrompts++;
        }
        return prompts;
    }

    // The ids whose boxes a frame uses (none without ids).
    private HashSet<int> ScheduledIds(int frameIndex) =>
        _useIds ? _plan.ForFrame(frameIndex).Where(p => _used.Uses(p.TrackId, frameIndex)).Select(p => p.TrackId).ToHashSet() : [];

    // Every box given: nothing to predict. Boxes without ids on a frame are a full detection pass:
    // the linker matches them, nothing is predicted either.
    private bool PredictsIn(int frameIndex) =>
        !_schedule.IsDense && (_useIds || !_plan.ForFrame(frameIndex).Any() || !_schedule.Uses(_plan.FirstFrame!.Value, frameIndex));

    // The live tracks to prompt from their prediction: those without a box in the frame, not ended
    // by their annotation, and (without ids) not lost: the detector decides what exists, so a track
    // its last pass did not find stays lost (coasting, re-linkable by a later detection) instead of
    // reviving on its own prompt.
    private IEnumerable<TrackPrediction> PredictedWithoutBox(int frameIndex, HashSet<int> covered) =>
        Linker.Predict(frameIndex).Where(p => !covered.Contains(p.TrackId) && !_absent.Contains(p.TrackId) && (_useIds || p.State != TrackState.Lost));

    /// <summary>
    /// The predicted box grown by <see cref="MarginSigmas"/> standard deviations of its centre on each
    /// side (at most half its size): the object may have moved off the prediction, and a segmenter
    /// keeps its mask inside the prompt, so a tight box would cut off the part that moved out.
    /// A box at the frame's edge also reaches further in, away from that edge, by what may come into
    /// view in a frame (<see cref="MaskBoxMeasurement.EdgeReach"/>): an object entering the frame
    /// shows more of itself each frame, and its prompt must leave room for it.
    /// </summary>
    public static BoxXyxy Widen(TrackPrediction p, int width, int height)
    {
        var b = p.Box;
        double mx = Math.Min(MarginSigmas * p.CenterStd.X, b.Width / 2), my = Math.Min(MarginSigmas * p.CenterStd.Y, b.Height / 2);
        double x0 = b.X0 - mx, y0 = b.Y0 - my, x1 = b.X1 + mx, y1 = b.Y1 + my;
        double rx = MaskBoxMeasurement.EdgeReach(b.Width, b.Height), ry = MaskBoxMeasurement.EdgeReach(b.Height, b.Width);
        if (b.X0 <= 1) x1 += rx;
        if (b.X1 >= width - 1) x0 -= rx;
        if (b.Y0 <= 1) y1 += ry;
        if (b.Y1 >= height - 1) y0 -= ry;
        return new BoxXyxy(x0, y0, x1, y1);
    }

    /// <summary>Margin of predicted prompts, in standard deviations of the predicted centre.</summary>
    public const double MarginSigmas = 2;

    /// <summary>
    /// Links a frame's (overlap-resolved) objects into tracks; returns them with their track ids,
    /// without the predicted prompts whose masks failed the linker's gate.
    /// </summary>
    public IReadOnlyList<SegmentedObject> Link(int frameIndex, IReadOnlyList<SegmentedObject> objects)
    {
        var result = Linker.Update(frameIndex, objects.Select(o => LinkerDetection.From(o, _useIds)).ToArray());
        Disagreements.AddRange(result.Disagreements);
        Events = (Events.Started + result.Started.Count, Events.Refound + result.Refound.Count, Events.Lost + result.Lost.Count);
        var linked = new List<SegmentedObject>(objects.Count);
        for (int i = 0; i < objects.Count; i++)
        {
            if (result.TrackIds[i] is not int id) continue;
            var o = objects[i];
            linked.Add(id == o.Prompt.TrackId ? o : o with { Prompt = o.Prompt with { TrackId = id } });
        }
        return linked;
    }
}
