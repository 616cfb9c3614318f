using System.Globalization;
using System.Net;
using System.Text;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Small inline SVG plots written by hand (no script, no network, no plotting library): a line
/// plot of a numeric series and a colour band of a categorical one, over a shared frame axis so
/// the plots of one report line up.
/// </summary>
public static class SvgPlot
{
    private const int Width = 300;
    private const int Height = 96;
    private const int Left = 40;
    private const int Right = 8;
    private const int Top = 16;
    private const int Bottom = 16;
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2"];

    /// <summary>A line plot of <paramref name="series"/> over frames firstFrame..lastFrame (0-based), in <paramref name="colour"/> (CSS).</summary>
    public static string Line(NumericSeries series, int firstFrame, int lastFrame, string colour)
    {
        var range = SeriesNames.FixedRange(series.Name);
        double min = range?.Min ?? 0;
        double max = range?.Max ?? Math.Max(1e-9, series.Summary.Count == 0 ? 1 : series.Summary.Max * 1.1);
        double X(int f) => Left + (lastFrame > firstFrame ? (f - firstFrame) * (double)(Width - Left - Right) / (lastFrame - firstFrame) : 0);
        double Y(double v) => Top + (1 - (Math.Clamp(v, min, max) - min) / (max - min)) * (Height - Top - Bottom);

        var svg = Open(series.Name);
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>"));
        svg.Append(Label(Left - 3, Top + 4, Number(max), "end"));
        svg.Append(Label(Left - 3, Height - Bottom, Number(min), "end"));
        svg.Append(Label(Left, Height - 3, $"{firstFrame + 1}", "start"));
        svg.Append(Label(Width - Right, Height - 3, $"{lastFrame + 1}", "end"));
        // One polyline per run of consecutive points (a long track's points are Stride frames apart):
        // a gap in the track is a gap in the line.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{string.Join(' ', run)}\"/>");
            run.Clear();
        }
        for (int k = 0; k < series.Points.Count; k++)
        {
            var (f, v) = series.Points[k];
            if (k > 0 && f - series.Points[k - 1].Frame > series.Stride) Flush();
            run.Add(Invariant($"{X(f):0.#},{Y(v):0.#}"));
            if (series.Points.Count <= 3) svg.Append(Invariant($"<circle cx=\"{X(f):0.#}\" cy=\"{Y(v):0.#}\" r=\"2\" fill=\"{colour}\"/>"));
        }
        Flush();
        return Close(svg);
    }

    /// <summary>A band of coloured cells, one per point (a point covers Stride frames), over frames firstFrame..lastFrame, with a legend.</summary>
    public static string Band(CategoricalSeries series, int firstFrame, int lastFrame)
    {
        var categories = series.Counts.Keys.Order(StringComparer.Ordinal).ToArray();
        double cell = (double)(Width - Left - Right) / Math.Max(1, lastFrame - firstFrame + 1);
        var svg = Open(series.Name);
        foreach (var (f, v) in series.Points)
        {
            string fill = Palette[Array.IndexOf(categories, v) % Palette.Length];
            svg.Append(Invariant($"<rect x=\"{Left + (f - firstFrame) * cell:0.##}\" y=\"{Top}\" width=\"{Math.Max(cell * series.Stride, 0.5):0.##}\" height=\"24\" fill=\"{fill}\"/>"));
        }
        int x = Left;
        for (int k = 0; k < categories.Length; k++)
        {
            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{Top + 34}\" width=\"9\" height=\"9\" fill=\"{Palette[k % Palette.Length]}\"/>"));
            svg.Append(Label(x + 12, Top + 42, categories[k], "start"));
            x += 16 + 6 * categories[k].Length;
        }
        return Close(svg);
    }

    private static StringBuilder Open(string title) =>
        new StringBuilder()
            .Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">"))
            .Append($"<title>{WebUtility.HtmlEncode(title)}</title>")
            .Append(Label(Left, 11, title, "start", bold: true));

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Label(double x, double y, string text, string anchor, bool bold = false) =>
        Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" font-size=\"10\" text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : "")} fill=\"#333\">{WebUtility.HtmlEncode(text)}</text>");

    private static string Number(double v) =>
        Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
