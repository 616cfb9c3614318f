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
    /// <param name="run">The run's record.</param>
    /// <param name="recorder">What was recorded while it ran.</param>
    /// <param name="stagedOverlay">Where overlay.mp4 is until the run's outputs are published (<see cref="StagedOutputs"/>); null = already in place.</param>
    public static HtmlReport Build(SegmentReport run, RunRecorder recorder, string? stagedOverlay = null)
    {
        var o = run.Options;
        string published = Path.Combine(o.OutputDirectory, SegmentJob.OverlayFile);
        string overlay = stagedOverlay ?? published;
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
            OverlayVideoPublishedAs = published,
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
    public static string Render(SegmentReport run, RunRecorder recorder, string? stagedOverlay = null) =>
        HtmlReportWriter.Render(Build(run, recorder, stagedOverlay) with { RawJson = HtmlReportWriter.RawJsonPlaceholder }, run.Options.OutputDirectory);

    /// <summary>The page's place in the run's output folder.</summary>
    public static string PathOf(SegmentReport run) => Path.Combine(run.Options.OutputDirectory, HtmlReportWriter.FileName);

    /// <summary>
    /// Writes a page from <see cref="Render"/> to <paramref name="path"/> (<see cref="PathOf"/>, or its
    /// staged name), with the run's final run.json and the overlay video streamed in from
    /// <paramref name="overlayVideo"/> (its staged name until the outputs are published).
    /// </summary>
    public static void Write(string path, string page, string runJson, string? overlayVideo) =>
        HtmlReportWriter.WriteWithRawJson(path, page, runJson, overlayVideo);
}
