using System.Globalization;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>Turns a <see cref="RunRecorder"/> into report tracks (series, strips and short facts).</summary>
public static class ReportTracks
{
    /// <summary>One report track per recorded track.</summary>
    public static IReadOnlyList<ReportTrack> From(RunRecorder recorder) =>
        recorder.Series.Build().Select(s =>
        {
            var strip = ContactSheet.Strip(recorder.Crops, s.TrackId);
            var facts = new List<string>();
            if (s.Find(SeriesNames.Area) is { Points.Count: > 0 } area)
            {
                facts.Add($"{area.Points.Count} frames ({area.Points[0].Frame + 1}-{area.Points[^1].Frame + 1})");
                facts.Add(string.Create(CultureInfo.InvariantCulture, $"mean area {area.Points.Average(p => p.Value):0} px"));
            }
            foreach (var n in s.Numeric.Where(n => SeriesNames.FixedRange(n.Name) is not null && n.Points.Count > 0))
                facts.Add(string.Create(CultureInfo.InvariantCulture, $"mean {n.Name} {n.Points.Average(p => p.Value):0.00}"));
            return new ReportTrack(s, strip is null ? null : ImageCodec.Png(strip), ContactSheet.StripFrames(recorder.Crops, s.TrackId), facts);
        }).ToArray();
}
