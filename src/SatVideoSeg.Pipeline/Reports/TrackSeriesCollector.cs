using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Collects per-track, per-frame signals while a job streams frames (memory: one number per
/// object-frame and signal). Record frames in ascending order.
/// </summary>
public sealed class TrackSeriesCollector
{
    private readonly SortedDictionary<int, Track> _tracks = [];

    /// <summary>Records a numeric value of a track in a 0-based frame.</summary>
    public void Add(int trackId, ObjectClass cls, int frameIndex, string series, double value)
    {
        var t = Get(trackId, cls);
        if (!t.Numeric.TryGetValue(series, out var list))
        {
            t.Numeric[series] = list = [];
            t.Order.Add(series);
        }
        list.Add((frameIndex, value));
    }

    /// <summary>Records a category of a track in a 0-based frame.</summary>
    public void AddCategory(int trackId, ObjectClass cls, int frameIndex, string series, string value)
    {
        var t = Get(trackId, cls);
        if (!t.Categorical.TryGetValue(series, out var list))
        {
            t.Categorical[series] = list = [];
            t.CategoryOrder.Add(series);
        }
        list.Add((frameIndex, value));
    }

    /// <summary>
    /// Records what every object carries: mask area, predicted IoU (skipped when NaN, i.e. unknown,
    /// as for masks read from a file) and, when <paramref name="promptSource"/>, the prompt source.
    /// </summary>
    public void AddFrame(FrameDetections detections, bool promptSource = true)
    {
        foreach (var o in detections.Objects)
        {
            Add(o.TrackId, o.Prompt.Class, detections.FrameIndex, SeriesNames.Area, o.Mask.Area);
            if (!double.IsNaN(o.PredictedIoU)) Add(o.TrackId, o.Prompt.Class, detections.FrameIndex, SeriesNames.PredictedIoU, o.PredictedIoU);
            if (promptSource) AddCategory(o.TrackId, o.Prompt.Class, detections.FrameIndex, SeriesNames.PromptSource, o.Prompt.Source.ToString().ToLowerInvariant());
        }
    }

    /// <summary>The series of every track, ascending ids.</summary>
    public IReadOnlyList<TrackSeries> Build() =>
        _tracks.Select(kv => new TrackSeries(
            kv.Key,
            kv.Value.Class,
            kv.Value.Order.Select(n => new NumericSeries(n, kv.Value.Numeric[n].ToArray())).ToArray(),
            kv.Value.CategoryOrder.Select(n => new CategoricalSeries(n, kv.Value.Categorical[n].ToArray())).ToArray())).ToArray();

    private Track Get(int trackId, ObjectClass cls)
    {
        if (!_tracks.TryGetValue(trackId, out var t)) _tracks[trackId] = t = new Track();
        if (cls != ObjectClass.Unknown) t.Class = cls;
        return t;
    }

    private sealed class Track
    {
        public ObjectClass Class { get; set; }
        public Dictionary<string, List<(int, double)>> Numeric { get; } = [];
        public List<string> Order { get; } = [];
        public Dictionary<string, List<(int, string)>> Categorical { get; } = [];
        public List<string> CategoryOrder { get; } = [];
    }
}
