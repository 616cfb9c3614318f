using System.Globalization;
using System.Text.Json;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// report.html beside a convert output: the same self-contained page as segment's, holding the
/// dataset's settings and totals, one line per sequence, the masks to review (lowest predicted
/// IoU first) and report.json folded at the end. Deterministic (no timestamps), so a resumed
/// conversion writes the same bytes as an uninterrupted one.
/// </summary>
public static class ConvertReportPage
{
    /// <summary>Writes the page to <paramref name="path"/> (<see cref="ConvertPaths.ReportPage"/>, or its staged name) atomically.</summary>
    public static void Write(string path, ConvertReport report)
    {
        var settings = new List<(string, string)>
        {
            ("root", report.Root),
            ("layout", report.Layout),
            ("outputs", report.Targets),
            ("segmenter", report.Segmenter),
            ("sequences done", $"{report.SequencesDone} of {report.Sequences}{(report.Complete ? "" : " (pending: " + string.Join(", ", report.Pending) + ")")}"),
            ("frames / objects / object-frames", $"{report.Frames} / {report.Objects} / {report.ObjectFrames}"),
            ("objects per class", string.Join(", ", report.ObjectsPerClass.Select(kv => $"{kv.Key} {kv.Value}"))),
            ("quality flags", report.Flags.Count == 0 ? "none" : string.Join(", ", report.Flags.Select(kv => $"{kv.Key} {kv.Value}"))),
        };
        foreach (var item in report.Review)
            settings.Add(($"review: {item.Sequence} frame {item.Frame} object {item.Id}",
                string.Create(CultureInfo.InvariantCulture, $"{item.Reason} (predicted IoU {item.PredictedIoU:0.00}, fill {item.Fill:0.00}, source id {item.SourceId})")));
        if (report.ReviewLeftOut > 0) settings.Add(("review: more", $"{report.ReviewLeftOut} further masks in report.json"));
        var page = new HtmlReport
        {
            Title = $"convert {Path.GetFileName(Path.TrimEndingDirectorySeparator(report.Root))}",
            Subtitle = $"{report.Tool}: {report.Layout} to {report.Targets}",
            Settings = settings,
            RawJson = JsonSerializer.Serialize(report, RunInfo.Json),
        };
        HtmlReportWriter.Write(path, page);
    }
}
