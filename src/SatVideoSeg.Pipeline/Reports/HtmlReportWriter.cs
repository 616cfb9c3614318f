using System.Net;
using System.Text;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Writes a report as ONE self-contained HTML file: no script, no network, images as data: URIs,
/// plots as inline SVG, and the overlay video embedded as a data: URI when it is under
/// <see cref="EmbedLimitBytes"/> (else linked by a path relative to the report, so the folder can
/// be moved as a whole). Tracks flagged for review come first.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Videos up to this size are embedded (base64 grows them by a third; browsers cope well below ~30 MB).</summary>
    public const long EmbedLimitBytes = 20L * 1024 * 1024;

    /// <summary>File name used beside job outputs.</summary>
    public const string FileName = "report.html";

    /// <summary>
    /// Stands in for run.json in a page rendered before the run's last figure is known (its peak
    /// memory, sampled once the page exists); <see cref="WriteWithRawJson"/> puts run.json there.
    /// </summary>
    public const string RawJsonPlaceholder = "@@satvidseg:run.json@@";

    /// <summary>
    /// Stands in for an embedded video's base64 in a rendered page: the page's writer streams the
    /// file into its place, so a long video is never held in memory as text (a 10,000-frame
    /// overlay is ~10 MB: ~27 MB of UTF-16 base64, copied again by the string builder).
    /// </summary>
    public const string VideoPlaceholder = "@@satvidseg:video@@";

    /// <summary>
    /// Writes a page rendered with <see cref="RawJsonPlaceholder"/> as its raw JSON, with
    /// <paramref name="rawJson"/> in its place and <paramref name="video"/> streamed into
    /// <see cref="VideoPlaceholder"/> (when the page embeds it); the page is not copied once more.
    /// </summary>
    public static void WriteWithRawJson(string path, string html, string rawJson, string? video = null)
    {
        if (!html.Contains(RawJsonPlaceholder, StringComparison.Ordinal)) throw new ArgumentException("the page has no run.json placeholder", nameof(html));
        WritePage(path, html, video, rawJson);
    }

    /// <summary>Writes the page to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, HtmlReport report) =>
        WritePage(path, Render(report, Path.GetDirectoryName(Path.GetFullPath(path))!), report.OverlayVideo, null);

    // Streams the page, filling each placeholder where it occurs (the video's base64 in chunks).
    private static void WritePage(string path, string html, string? video, string? rawJson) =>
        AtomicFile.WriteText(path, writer =>
        {
            int at = 0;
            while (true)
            {
                int json = rawJson is null ? -1 : html.IndexOf(RawJsonPlaceholder, at, StringComparison.Ordinal);
                int media = html.IndexOf(VideoPlaceholder, at, StringComparison.Ordinal);
                int next = json < 0 ? media : media < 0 ? json : Math.Min(json, media);
                if (next < 0) break;
                writer.Write(html.AsSpan(at, next - at));
                if (next == json)
                {
                    writer.Write(E(rawJson!));
                    at = next + RawJsonPlaceholder.Length;
                }
                else
                {
                    WriteBase64(writer, video ?? throw new ArgumentException("the page embeds a video but none was given", nameof(video)));
                    at = next + VideoPlaceholder.Length;
                }
            }
            writer.Write(html.AsSpan(at));
        });

    // Base64 of a whole file, written in chunks whose length is a multiple of 3, so the text is the
    // same as one Convert.ToBase64String of all its bytes.
    private static void WriteBase64(TextWriter writer, string file)
    {
        var bytes = new byte[3 * 16 * 1024];
        var chars = new char[4 * 16 * 1024];
        using var stream = File.OpenRead(file);
        int n;
        while ((n = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false)) > 0)
        {
            System.Convert.TryToBase64Chars(bytes.AsSpan(0, n), chars, out int written);
            writer.Write(chars.AsSpan(0, written));
        }
    }

    /// <summary>
    /// The page's HTML; relative links are resolved against <paramref name="folder"/>. An embedded
    /// video is left as <see cref="VideoPlaceholder"/>: write the page with <see cref="Write"/> or
    /// <see cref="WriteWithRawJson"/>, which stream the video into it.
    /// </summary>
    public static string Render(HtmlReport report, string folder)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{E(report.Title)}</title><style>{Css}{(report.Tracks.Count > report.MaxTracksInFull ? RestCss : "")}</style></head><body>\n");
        html.Append($"<h1>{E(report.Title)}</h1>");
        if (report.Subtitle is not null) html.Append($"<p class=\"sub\">{E(report.Subtitle)}</p>");

        var flagged = report.Tracks.Where(t => t.Flags.Count > 0).ToArray();
        html.Append($"<p class=\"sub\">{report.Tracks.Count} tracks, <b>{flagged.Length} flagged for review</b>.</p>\n");

        html.Append("<section class=\"top\"><div>");
        bool video = AppendVideo(html, report.OverlayVideo, report.OverlayVideoPublishedAs, report.StillPng, folder);
        if (!video && report.StillPng is not null)
            html.Append($"<figure><img alt=\"overlay still\" src=\"{DataUri("image/png", report.StillPng)}\"><figcaption>overlay, busiest frame</figcaption></figure>");
        html.Append("</div><table class=\"settings\"><tbody>");
        foreach (var (name, value) in report.Settings) html.Append($"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");
        html.Append("</tbody></table></section>\n");

        html.Append("<h2>Tracks</h2>");
        var ordered = ReportTracks.PageOrder(report.Tracks).ToArray();
        foreach (var t in ordered.Take(report.MaxTracksInFull)) AppendTrack(html, t, report.FrameRange);
        if (ordered.Length > report.MaxTracksInFull) AppendTable(html, ordered[report.MaxTracksInFull..]);

        if (report.ContactSheetPng is not null)
            html.Append($"<h2>Contact sheet</h2><img class=\"sheet\" alt=\"contact sheet\" src=\"{DataUri("image/png", report.ContactSheetPng)}\">");
        if (report.RawJson is not null)
            html.Append($"<details><summary>run.json</summary><pre>{E(report.RawJson)}</pre></details>");
        html.Append("\n</body></html>\n");
        return html.ToString();
    }

    // The still, when given, is the video's poster: what the page shows before (or without) playback.
    // A staged video is read where it is and linked where it will be published.
    private static bool AppendVideo(StringBuilder html, string? video, string? publishedAs, byte[]? still, string folder)
    {
        if (video is null || !File.Exists(video)) return false;
        var info = new FileInfo(video);
        string linked = Path.GetFullPath(publishedAs ?? video);
        string type = Path.GetExtension(linked).ToLowerInvariant() switch { ".webp" => "image/webp", ".gif" => "image/gif", _ => "video/mp4" };
        string src = info.Length <= EmbedLimitBytes
            ? $"data:{type};base64,{VideoPlaceholder}"
            : string.Join('/', Path.GetRelativePath(folder, linked).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
        html.Append(type == "video/mp4"
            ? $"<figure><video controls loop muted playsinline preload=\"metadata\"{(still is null ? "" : $" poster=\"{DataUri("image/png", still)}\"")} src=\"{src}\"></video><figcaption>overlay video ({info.Length / 1024} KB{(info.Length <= EmbedLimitBytes ? ", embedded" : ", linked")}); poster: the frame with the most objects</figcaption></figure>"
            : $"<figure><img alt=\"overlay\" src=\"{src}\"><figcaption>overlay ({info.Length / 1024} KB)</figcaption></figure>");
        return true;
    }

    private static void AppendTrack(StringBuilder html, ReportTrack t, (int First, int Last) range)
    {
        var s = t.Series;
        var (b, g, r) = TrackColors.For(s.TrackId);
        string colour = $"#{r:x2}{g:x2}{b:x2}";
        string cls = s.Class == Core.Detections.ObjectClass.Unknown ? "" : " " + Core.Detections.ObjectClasses.Name(s.Class);
        html.Append($"<article class=\"track{(t.Flags.Count > 0 ? " flagged" : "")}\" id=\"track-{s.TrackId}\">");
        html.Append($"<h3><span class=\"swatch\" style=\"background:{colour}\"></span>track {s.TrackId}{E(cls)}");
        foreach (var fact in t.Summary) html.Append($" <small>{E(fact)}</small>");
        html.Append("</h3>");
        if (t.Flags.Count > 0) html.Append("<ul class=\"flags\">" + string.Concat(t.Flags.Select(f => $"<li>{E(f)}</li>")) + "</ul>");
        if (t.StripPng is not null)
            html.Append($"<img class=\"strip\" alt=\"crops of track {s.TrackId} at frames {string.Join(", ", t.StripFrames.Select(f => f + 1))}\" title=\"frames {string.Join(", ", t.StripFrames.Select(f => f + 1))}\" src=\"{DataUri("image/png", t.StripPng)}\">");
        html.Append("<div class=\"plots\">");
        foreach (var n in s.Numeric) html.Append(SvgPlot.Line(n, range.First, range.Last, colour));
        foreach (var c in s.Categorical) html.Append(SvgPlot.Band(c, range.First, range.Last));
        html.Append("</div></article>\n");
    }

    // The tracks past the page's full cards: one row each, flags included, in page order.
    private static void AppendTable(StringBuilder html, IReadOnlyList<ReportTrack> rest)
    {
        html.Append($"<h3>{rest.Count} more tracks</h3><table class=\"rest\"><thead><tr><th>track</th><th>class</th><th>facts</th><th>review</th></tr></thead><tbody>");
        foreach (var t in rest)
        {
            var s = t.Series;
            var (b, g, r) = TrackColors.For(s.TrackId);
            string cls = s.Class == Core.Detections.ObjectClass.Unknown ? "" : Core.Detections.ObjectClasses.Name(s.Class);
            html.Append($"<tr id=\"track-{s.TrackId}\"{(t.Flags.Count > 0 ? " class=\"flagged\"" : "")}><td><span class=\"swatch\" style=\"background:#{r:x2}{g:x2}{b:x2}\"></span>{s.TrackId}</td>")
                .Append($"<td>{E(cls)}</td><td>{E(string.Join(", ", t.Summary))}</td><td>{E(string.Join("; ", t.Flags))}</td></tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static string DataUri(string type, byte[] bytes) => $"data:{type};base64,{System.Convert.ToBase64String(bytes)}";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
        h1{margin:0 0 4px}h2{margin-top:28px;border-bottom:1px solid #ddd}
        .sub{color:#555;margin:2px 0}
        .top{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
        figure{margin:8px 0;max-width:560px}video,figure img{width:100%;image-rendering:pixelated;border:1px solid #ccc}
        figcaption{font-size:12px;color:#666}
        table.settings{border-collapse:collapse;font-size:13px}
        .settings th{text-align:left;padding:2px 10px 2px 0;color:#555;font-weight:normal;vertical-align:top}
        .settings td{padding:2px 0;font-family:ui-monospace,monospace;word-break:break-all}
        .track{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}
        .track.flagged{border-left:5px solid #e15759}
        .track h3{margin:0 0 6px;font-size:15px}.track small{color:#666;font-weight:normal;margin-left:8px}
        .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
        .flags{margin:0 0 6px;padding-left:18px;color:#b3261e}
        .strip{display:block;image-rendering:pixelated;margin-bottom:6px;max-width:100%}
        .plots{display:flex;flex-wrap:wrap;gap:8px}
        .sheet{max-width:100%;image-rendering:pixelated}
        pre{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto;font-size:12px}
        """;

    // Only on pages with more tracks than cards (pages within the bound keep their bytes).
    private const string RestCss = """

        table.rest{border-collapse:collapse;font-size:13px;background:#fff}.rest th,.rest td{border:1px solid #ddd;padding:2px 8px;text-align:left}
        .rest tr.flagged td{color:#b3261e}
        """;
}
