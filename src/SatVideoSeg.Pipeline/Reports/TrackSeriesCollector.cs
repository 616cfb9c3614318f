using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Collects per-track, per-frame signals while a job streams frames, in memory bounded per track
/// and series (<see cref="NumericTrace"/>, <see cref="CategoricalTrace"/>): a video of any length
/// keeps the same few hundred points per series. Record frames in ascending order.
/// </summary>
public sealed class TrackSeriesCollector(int maxPoints = NumericTrace.DefaultMaxPoints)
{
    // Enum names lower-cased once, not once per object-frame.
    private static readonly Dictionary<PromptSource, string> SourceNames =
        Enum.GetValues<PromptSource>().ToDictionary(s => s, s => s.ToString().ToLowerInvariant());

    private readonly SortedDictionary<int, Track> _tracks = [];

    /// <summary>Records a numeric value of a track in a 0-based frame.</summary>
    public void Add(int trackId, ObjectClass cls, int frameIndex, string series, double value)
    {
        var t = Get(trackId, cls);
        if (!t.Numeric.TryGetValue(series, out var trace))
        {
            t.Numeric[series] = trace = new NumericTrace(maxPoints);
            t.Order.Add(series);
        }
        trace.Add(frameIndex, value);
    }

    /// <summary>Records a category of a track in a 0-based frame.</summary>
    public void AddCategory(int trackId, ObjectClass cls, int frameIndex, string series, string value)
    {
        var t = Get(trackId, cls);
        if (!t.Categorical.TryGetValue(series, out var trace))
        {
            t.Categorical[series] = trace = new CategoricalTrace(maxPoints);
            t.CategoryOrder.Add(series);
        }
        trace.Add(frameIndex, value);
    }

    /// <summary>
    /// Records what an object of a frame carries: its mask area (counted by the caller), predicted
    /// IoU (skipped when NaN, i.e. unknown, as for masks read from a file) and, when
    /// <paramref name="promptSource"/>, the prompt source.
    /// </summary>
    public void AddObject(int frameIndex, SegmentedObject o, long area, bool promptSource = true)
    {
        Add(o.TrackId, o.Prompt.Class, frameIndex, SeriesNames.Area, area);
        if (!double.IsNaN(o.PredictedIoU)) Add(o.TrackId, o.Prompt.Class, frameIndex, SeriesNames.PredictedIoU, o.PredictedIoU);
        if (promptSource) AddCategory(o.TrackId, o.Prompt.Class, frameIndex, SeriesNames.PromptSource, SourceNames[o.Prompt.Source]);
    }

    /// <summary>The series of every track, ascending ids.</summary>
    public IReadOnlyList<TrackSeries> Build() =>
        _tracks.Select(kv => new TrackSeries(
            kv.Key,
            kv.Value.Class,
            kv.Value.Order.Select(n => kv.Value.Numeric[n].ToSeries(n)).ToArray(),
            kv.Value.CategoryOrder.Select(n => kv.Value.Categorical[n].ToSeries(n)).ToArray())).ToArray();

    private Track Get(int trackId, ObjectClass cls)
    {
        if (!_tracks.TryGetValue(trackId, out var t)) _tracks[trackId] = t = new Track();
        if (cls != ObjectClass.Unknown) t.Class = cls;
        return t;
    }

    private sealed class Track
    {
        public ObjectClass Class { get; set; }
        public Dictionary<string, NumericTrace> Numeric { get; } = [];
        public List<string> Order { get; } = [];
        public Dictionary<string, CategoricalTrace> Categorical { get; } = [];
        public List<string> CategoryOrder { get; } = [];
    }
}
