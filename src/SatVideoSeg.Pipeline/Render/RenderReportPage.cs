using System.Globalization;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>The report page `render --report` writes: the same generator as segment's report.html.</summary>
public static class RenderReportPage
{
    /// <summary>Builds the page and writes it to <paramref name="path"/>; the video is read at <paramref name="video"/> (staged) and linked as <see cref="RenderOptions.Output"/>.</summary>
    public static void Write(string path, string video, RenderOptions options, RenderResult result, RunRecorder recorder)
    {
        var tracks = ReportTracks.From(recorder);
        var settings = new List<(string, string)>
        {
            ("input", options.Input),
            ("tracks", options.Tracks),
            ("frames", $"{result.Frames}"),
            ("tracks drawn", $"{result.Tracks}"),
            ("output", $"{options.Output} ({result.Width}x{result.Height})"),
        };
        if (options.Compare is not null)
        {
            long tp = result.TruePositivePixels, fn = result.MissedPixels, fp = result.FalsePixels;
            double iou = tp + fn + fp == 0 ? 1 : (double)tp / (tp + fn + fp);
            settings.Add(("ground truth", options.Compare));
            settings.Add(("pixels", string.Create(CultureInfo.InvariantCulture, $"TP {tp}, missed {fn}, false {fp} (pixel IoU {iou:0.000})")));
        }
        settings.Add(("tool", $"satvidseg {RunInfo.ToolVersion}"));
        var report = new HtmlReport
        {
            Title = $"render: {Path.GetFileName(options.Tracks)}",
            Subtitle = $"satvidseg {RunInfo.ToolVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            Settings = settings,
            OverlayVideo = Path.GetFullPath(video),
            OverlayVideoPublishedAs = Path.GetFullPath(options.Output),
            StillPng = recorder.Still is null ? null : ImageCodec.Png(recorder.Still),
            ContactSheetPng = recorder.Crops.TrackIds.Any() ? ImageCodec.Png(ContactSheet.Compose(recorder.Crops, trackIds: ReportTracks.InFull(tracks))) : null,
            FrameRange = recorder.FrameRange.Last < 0 ? (0, 0) : recorder.FrameRange,
            Tracks = tracks,
        };
        HtmlReportWriter.Write(path, report);
    }
}
