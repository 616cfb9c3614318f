using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Links each frame's masks into mask tracks: Kalman-predicted boxes, Hungarian assignment on
/// mask IoU with the track's (motion-shifted) last mask and box IoU with the prediction, a gate,
/// explicit <see cref="TrackState"/>s and a lost-track buffer that re-links objects that reappear.
/// Annotation ids, where given, win over IoU linking; the linker reports where it would have
/// linked otherwise. Ids come from a counter owned by this instance. No I/O.
/// Call <see cref="Predict"/> for a frame (to prompt with the predicted boxes), then
/// <see cref="Update"/> with that frame's masks; frames must not go backwards.
/// </summary>
public sealed class MaskTrackLinker(LinkerOptions? options = null, KalmanBoxFilter? filter = null)
{
    private readonly LinkerOptions _options = options ?? LinkerOptions.Default;
    private readonly KalmanBoxFilter _filter = filter ?? new KalmanBoxFilter();
    private readonly TrackIdCounter _ids = new();
    private readonly List<MaskTrack> _tracks = [];
    // Longest side of any box annotated wholly inside the frame, per class (bounds objects at the edge).
    private readonly Dictionary<ObjectClass, double> _classSpans = [];
    private int _frame = -1;

    /// <summary>The linker's constants.</summary>
    public LinkerOptions Options => _options;

    /// <summary>Tracks that are not removed, in the order they started.</summary>
    public IReadOnlyList<MaskTrack> Tracks => _tracks;

    /// <summary>The live track with this id, or null.</summary>
    public MaskTrack? Find(int trackId) => _tracks.FirstOrDefault(t => t.Id == trackId);

    /// <summary>
    /// Ends a track now (it left the frame, or its annotation says it is gone); returns false when
    /// no live track has that id. A later annotated box with the same annotation id starts a new track.
    /// </summary>
    public bool Remove(int trackId)
    {
        var t = Find(trackId);
        if (t is null) return false;
        t.State = TrackState.Removed;
        _tracks.Remove(t);
        return true;
    }

    /// <summary>
    /// Sets each live track's mask memory to <paramref name="memory"/>'s entry for its id (none where
    /// it has no entry): a resumed run's state after a frame replayed from its journal, whose masks
    /// carry no memory of their own.
    /// </summary>
    public void RestoreMemory(IReadOnlyDictionary<int, MaskLogits> memory)
    {
        foreach (var t in _tracks) t.Memory = memory.GetValueOrDefault(t.Id);
    }

    /// <summary>
    /// Advances every live track's Kalman belief to <paramref name="frameIndex"/> and returns the
    /// predicted boxes. Calling it again for the same frame changes nothing.
    /// </summary>
    public IReadOnlyList<TrackPrediction> Predict(int frameIndex)
    {
        Advance(frameIndex);
        return _tracks.Select(t => new TrackPrediction(t.Id, t.AnnotationId, t.Class, t.PredictedBox, t.State, t.Memory, (Math.Sqrt(t.Kalman.Covariance[0, 0]), Math.Sqrt(t.Kalman.Covariance[1, 1])))).ToArray();
    }

    // Moves every live track's Kalman belief forward to the frame (idempotent for the same frame).
    private void Advance(int frameIndex)
    {
        if (frameIndex < _frame)
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"frames must not go backwards: the linker is at frame {_frame}");
        _frame = frameIndex;
        foreach (var t in _tracks)
        {
            while (t.KalmanFrame < frameIndex)
            {
                t.Kalman = _filter.Predict(t.Kalman);
                t.KalmanFrame++;
            }
        }
    }

    /// <summary>
    /// Links one frame's detections to tracks and returns each detection's track id. The steps:
    /// 1. predict every track to this frame;
    /// 2. measure each detection: an annotated box as given, a predicted prompt's mask box scaled to prompt space;
    /// 3. bind predicted prompts to the track they came from when they pass the gate and do not look
    ///    like background (low predicted IoU and low appearance score), else drop them;
    /// 4. bind annotated ids to their tracks (annotation wins), reporting where IoU linking disagrees;
    /// 5. match the remaining detections to confirmed and lost tracks (Hungarian, gated), then to tentative ones;
    /// 6. update matched tracks (Kalman update, mask, state: lost → confirmed, tentative → confirmed after MinHits);
    ///    an annotated box is a hard reset: the Kalman box and its uncertainty become the box's (<see cref="KalmanBoxFilter.ResetTo"/>);
    /// 7. age unmatched tracks: tentative → removed, confirmed → lost, lost beyond the buffer → removed;
    /// 8. start tracks for unmatched detections (annotated ids confirmed at once, others tentative).
    /// </summary>
    public LinkerResult Update(int frameIndex, IReadOnlyList<LinkerDetection> detections)
    {
        // 1. Predict.
        Advance(frameIndex);
        var live = _tracks.ToList();
        var assigned = new int?[detections.Count];
        var bound = new Dictionary<MaskTrack, int>();   // track -> detection index
        var disagreements = new List<IdDisagreement>();
        var started = new List<int>();
        var refound = new List<int>();
        var lost = new List<int>();
        var removed = new List<int>();

        // 2. Measure.
        var measured = new BoxXyxy?[detections.Count];
        for (int j = 0; j < detections.Count; j++) measured[j] = Measure(detections[j]);

        // 3. A track's own predicted prompt: keep its mask when it looks like the track, else the track misses.
        var open = new List<int>();
        for (int j = 0; j < detections.Count; j++)
        {
            var d = detections[j];
            if (d.Source != PromptSource.Predicted)
            {
                open.Add(j);
                continue;
            }
            var t = d.PromptTrackId is int id ? Find(id) : null;
            if (t is null || bound.ContainsKey(t) || measured[j] is not BoxXyxy m || LooksLikeBackground(d)) continue;
            if (1 - TrackSimilarity.Similarity(t, m, d.Mask, _options.MaskWeight) <= _options.MaxOwnPromptCost) bound[t] = j;
        }

        // 4. Annotation ids win; IoU linking's opinion over the same detections is reported where it differs.
        var withIds = open.Where(j => detections[j].AnnotationId is not null).ToList();
        if (withIds.Count > 0)
        {
            var free = live.Where(t => !bound.ContainsKey(t)).ToList();
            var opinion = Associate(free, withIds, detections, measured);
            foreach (int j in withIds)
            {
                int annotationId = detections[j].AnnotationId!.Value;
                var owner = live.FirstOrDefault(t => t.AnnotationId == annotationId);
                opinion.TryGetValue(j, out var linked);
                if (owner is not null && !bound.ContainsKey(owner))
                {
                    bound[owner] = j;
                    if (linked != owner) disagreements.Add(new IdDisagreement(frameIndex, annotationId, linked?.Id, linked is null ? "new" : "switch"));
                }
                else
                {
                    if (linked is not null && linked.AnnotationId != annotationId)
                        disagreements.Add(new IdDisagreement(frameIndex, annotationId, linked.Id, "continue"));
                    var t = Start(frameIndex, detections[j], measured[j]!.Value, annotationId);
                    assigned[j] = t.Id;
                    started.Add(t.Id);
                }
            }
            open.RemoveAll(withIds.Contains);
        }

        // 5. Hungarian: confirmed and lost tracks first, then tentative ones (ByteTrack's order).
        var unbound = live.Where(t => !bound.ContainsKey(t) && t.AnnotationId is null).ToList();
        foreach (var pool in new[] { unbound.Where(t => t.State != TrackState.Tentative).ToList(), unbound.Where(t => t.State == TrackState.Tentative).ToList() })
        {
            var links = Associate(pool, open, detections, measured);
            foreach (var (j, t) in links) bound[t!] = j;
            open.RemoveAll(links.ContainsKey);
        }

        // 6. Update matched tracks.
        foreach (var (t, j) in bound)
        {
            var d = detections[j];
            var m = measured[j]!.Value;
            t.Kalman = _filter.Update(t.Kalman, m);
            // A box the user gave is a hard reset: the track is where the box says, however far
            // its propagation had drifted (the update above has corrected its velocity).
            if (d.Source == PromptSource.Annotated) t.Kalman = _filter.ResetTo(t.Kalman, m);
            t.LastCenter = (t.Kalman.CenterX, t.Kalman.CenterY);
            t.LastUpdateFrame = frameIndex;
            t.Hits++;
            t.Memory = d.Memory;
            if (!d.Mask.IsEmpty) t.LastMask = d.Mask;
            if (t.Class == ObjectClass.Unknown) t.Class = d.Class;
            if (d.Source == PromptSource.Annotated) Learn(t, m, d.Mask);
            if (t.State == TrackState.Lost) refound.Add(t.Id);
            if (t.State == TrackState.Lost || t.Hits >= _options.MinHits) t.State = TrackState.Confirmed;
            assigned[j] = t.Id;
        }

        // 7. Age unmatched tracks.
        foreach (var t in live.Where(t => !bound.ContainsKey(t)))
        {
            if (t.State == TrackState.Tentative || frameIndex - t.LastUpdateFrame > _options.LostBuffer)
            {
                t.State = TrackState.Removed;
                removed.Add(t.Id);
            }
            else if (t.State == TrackState.Confirmed)
            {
                t.State = TrackState.Lost;
                lost.Add(t.Id);
            }
        }
        _tracks.RemoveAll(t => t.State == TrackState.Removed);

        // 8. Start tracks for what is left (predicted prompts that failed their gate are dropped, not started).
        foreach (int j in open)
        {
            if (detections[j].Source == PromptSource.Predicted || measured[j] is not BoxXyxy m) continue;
            var t = Start(frameIndex, detections[j], m, null);
            assigned[j] = t.Id;
            started.Add(t.Id);
        }

        return new LinkerResult(assigned, disagreements, started, refound, lost, removed);
    }

    // A predicted prompt's mask that neither the segmenter nor the appearance vouches for: the
    // prompt has drifted onto background, and the track is better marked lost than fed this mask.
    // Without an appearance score (no template, --no-appearance) there is only half the evidence:
    // on the 9x10 px Jilin-1 car the model's predicted IoU alone dropped 70 of 311 frames.
    private bool LooksLikeBackground(LinkerDetection d) =>
        d.PredictedIoU < _options.LostPredictedIoU && d.AppearanceScore < _options.LostAppearanceScore;

    // Hungarian over the given tracks and detection indices; returns detection index -> track.
    private Dictionary<int, MaskTrack?> Associate(List<MaskTrack> tracks, List<int> detectionIndices, IReadOnlyList<LinkerDetection> detections, BoxXyxy?[] measured)
    {
        var result = new Dictionary<int, MaskTrack?>();
        var usable = detectionIndices.Where(j => measured[j] is not null).ToList();
        if (tracks.Count == 0 || usable.Count == 0) return result;
        var cost = TrackSimilarity.CostMatrix(tracks, usable.Select(j => (detections[j].Class, measured[j]!.Value, detections[j].Mask)).ToArray(), _options, _filter);
        var match = HungarianMatcher.Match(cost, _options.MaxCost);
        foreach (var (a, b) in match.Matches) result[usable[b]] = tracks[a];
        return result;
    }

    private MaskTrack Start(int frameIndex, LinkerDetection d, BoxXyxy measuredBox, int? annotationId)
    {
        int id;
        if (annotationId is int given)
        {
            _ids.Reserve(given);
            id = given;
        }
        else
        {
            id = _ids.Next();
        }
        var state = annotationId is not null || _options.MinHits <= 1 ? TrackState.Confirmed : TrackState.Tentative;
        var t = new MaskTrack(id, annotationId, d.Class, _filter.Initiate(measuredBox), frameIndex, state)
        {
            LastMask = d.Mask.IsEmpty ? null : d.Mask,
            Memory = d.Memory,
        };
        if (d.Source == PromptSource.Annotated) Learn(t, measuredBox, d.Mask);
        _tracks.Add(t);
        return t;
    }

    // The measurement of a detection in prompt space: an annotated box as given; for a predicted
    // prompt the mask's box as MaskBoxMeasurement gates it (or, without MeasureSizeFromMasks, the
    // mask's centre with the predicted size); null for an empty mask.
    private BoxXyxy? Measure(LinkerDetection d)
    {
        if (d.Source == PromptSource.Annotated) return d.PromptBox;
        var rect = d.Mask.TightRect();
        if (rect.IsEmpty) return null;
        var box = rect.ToBox();
        var t = d.PromptTrackId is int id ? Find(id) : null;
        if (t is null) return box;
        var p = t.PredictedBox;
        double? span = _classSpans.TryGetValue(t.Class, out double longest) ? longest * _options.ClassSizeSlack : null;
        var known = new MaskBoxMeasurement.Track(p, t.PromptScale, t.AnnotatedSize, t.AnnotatedAtEdge, span);
        return MaskBoxMeasurement.Measure(box, d.PromptBox, d.Mask.FrameWidth, d.Mask.FrameHeight, known, _options);
    }

    // On an annotated frame: remember the box size, and how much larger it is than the mask.
    private void Learn(MaskTrack t, BoxXyxy annotated, BitMask mask)
    {
        t.AnnotatedSize = (Math.Max(1, annotated.Width), Math.Max(1, annotated.Height));
        t.AnnotatedAtEdge = MaskBoxMeasurement.AtEdge(annotated, mask.FrameWidth, mask.FrameHeight);
        if (t.AnnotatedAtEdge is (false, false))
            _classSpans[t.Class] = Math.Max(_classSpans.GetValueOrDefault(t.Class), Math.Max(annotated.Width, annotated.Height));
        var rect = mask.TightRect();
        if (rect.IsEmpty) return;
        t.PromptScale = (Math.Clamp(annotated.Width / rect.Width, _options.MinPromptScale, _options.MaxPromptScale),
                         Math.Clamp(annotated.Height / rect.Height, _options.MinPromptScale, _options.MaxPromptScale));
    }
}
