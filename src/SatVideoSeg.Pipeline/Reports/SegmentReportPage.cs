using System.Globalization;
using System.Text.Json;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>The report.html that `segment` writes beside its outputs.</summary>
public static class SegmentReportPage
{
    /// <summary>Builds the page of a finished run from its run.json record and what was recorded while it ran.</summary>
    public static HtmlReport Build(SegmentReport run, RunRecorder recorder)
    {
        var o = run.Options;
        string overlay = Path.Combine(o.OutputDirectory, SegmentJob.OverlayFile);
        var tracks = ReportTracks.From(recorder);
        var settings = new List<(string, string)>
        {
            ("input", o.Input),
            ("boxes", $"{o.Boxes} ({o.BoxFormat})"),
            ("segmenter", run.Segmenter),
            ("model", o.Model ?? "(default)"),
            ("frames", string.Create(CultureInfo.InvariantCulture, $"{run.Frames} ({run.Video.Width}x{run.Video.Height} at {run.Video.Fps} fps)")),
            ("object-frames", $"{run.ObjectFrames}"),
            ("tracks", $"{run.Tracks}"),
            ("clipped boxes", $"{run.ClippedBoxes}"),
            ("no-box rows", $"{run.NoBoxRows}"),
            ("damaged frames", run.DamagedFrames.Count == 0 ? "none" : string.Join("; ", run.DamagedFrames)),
            ("overlay", $"opacity {o.Overlay.FillOpacity.ToString(CultureInfo.InvariantCulture)}, contours {(o.Overlay.Contours ? "on" : "off")}"),
            ("stage seconds", string.Join(", ", run.StageSeconds.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.###}")))),
            ("versions", string.Join(", ", run.Versions.Select(kv => $"{kv.Key} {kv.Value}"))),
            ("finished", run.FinishedUtc),
        };
        // Only runs whose ids were renumbered get the row (other pages keep their bytes).
        if (run.IdMap is not null) settings.Insert(7, ("ids", $"renumbered in {SegmentJob.TracksFile} (MOTS holds 1..999 per class): {Datasets.Ids.TrackIdMap.FileName} maps them back"));
        return new HtmlReport
        {
            Title = $"segment: {Path.GetFileName(Path.TrimEndingDirectorySeparator(o.Input))}",
            Subtitle = $"{run.Tool}, finished {run.FinishedUtc}",
            Settings = settings,
            OverlayVideo = o.WriteOverlay && File.Exists(overlay) ? overlay : null,
            StillPng = recorder.Still is null ? null : ImageCodec.Png(recorder.Still),
            ContactSheetPng = recorder.Crops.TrackIds.Any() ? ImageCodec.Png(ContactSheet.Compose(recorder.Crops, trackIds: ReportTracks.InFull(tracks))) : null,
            FrameRange = recorder.FrameRange.Last < 0 ? (0, 0) : recorder.FrameRange,
            Tracks = tracks,
            RawJson = JsonSerializer.Serialize(run, RunInfo.Json),
        };
    }

    /// <summary>
    /// Renders the page, with run.json left as <see cref="HtmlReportWriter.RawJsonPlaceholder"/>: the
    /// costly part (crops, plots, the overlay video embedded), done before the run's peak memory is sampled.
    /// </summary>
    public static string Render(SegmentReport run, RunRecorder recorder) =>
        HtmlReportWriter.Render(Build(run, recorder) with { RawJson = HtmlReportWriter.RawJsonPlaceholder }, run.Options.OutputDirectory);

    /// <summary>Writes a page from <see cref="Render"/> into the run's output folder as report.html, with the run's final run.json.</summary>
    public static void Write(SegmentReport run, string page, string runJson) =>
        HtmlReportWriter.WriteWithRawJson(Path.Combine(run.Options.OutputDirectory, HtmlReportWriter.FileName), page, runJson,
            Path.Combine(run.Options.OutputDirectory, SegmentJob.OverlayFile));
}
