using System.Globalization;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>Turns a <see cref="RunRecorder"/> into report tracks (series, strips and short facts).</summary>
public static class ReportTracks
{
    /// <summary>Tracks a page shows in full unless told otherwise.</summary>
    public const int DefaultMaxInFull = 100;

    /// <summary>The order of a page: tracks flagged for review first, each part by ascending id.</summary>
    public static IEnumerable<ReportTrack> PageOrder(IEnumerable<ReportTrack> tracks)
    {
        var all = tracks.ToArray();
        return all.Where(t => t.Flags.Count > 0).OrderBy(t => t.Series.TrackId).Concat(all.Where(t => t.Flags.Count == 0).OrderBy(t => t.Series.TrackId));
    }

    /// <summary>The ids of the tracks a page of <paramref name="maxInFull"/> full cards shows in full.</summary>
    public static IReadOnlySet<int> InFull(IEnumerable<ReportTrack> tracks, int maxInFull = DefaultMaxInFull) =>
        PageOrder(tracks).Take(maxInFull).Select(t => t.Series.TrackId).ToHashSet();

    /// <summary>One report track per recorded track; crops (strips) only for those shown in full.</summary>
    public static IReadOnlyList<ReportTrack> From(RunRecorder recorder, int maxInFull = DefaultMaxInFull)
    {
        var bare = recorder.Series.Build().Select(s => new ReportTrack(s, null, [], Facts(s))).ToArray();
        var full = InFull(bare, maxInFull);
        return bare.Select(t =>
        {
            if (!full.Contains(t.Series.TrackId)) return t;
            var strip = ContactSheet.Strip(recorder.Crops, t.Series.TrackId);
            return t with { StripPng = strip is null ? null : ImageCodec.Png(strip), StripFrames = ContactSheet.StripFrames(recorder.Crops, t.Series.TrackId) };
        }).ToArray();
    }

    private static IReadOnlyList<string> Facts(TrackSeries s)
    {
        var facts = new List<string>();
        if (s.Find(SeriesNames.Area)?.Summary is { Count: > 0 } area)
        {
            facts.Add($"{area.Count} frames ({area.FirstFrame + 1}-{area.LastFrame + 1})");
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"mean area {area.Mean:0} px"));
        }
        foreach (var n in s.Numeric.Where(n => SeriesNames.FixedRange(n.Name) is not null && n.Summary.Count > 0))
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"mean {n.Name} {n.Summary.Mean:0.00}"));
        return facts;
    }
}
