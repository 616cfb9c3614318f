using System.Globalization;
using SatVideoSeg.Core.Geometry;
using System.Numerics;
using System.Text.RegularExpressions;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>
/// The test's own, deliberately plain statement of the text grammar the readers promise (regular
/// expressions and BigInteger instead of the readers' scanners): what a line, a field, a number
/// and a whole number are. The fuzz tests parse every mutated file with it and require the
/// readers to agree exactly.
/// </summary>
public static partial class ReferenceText
{
    [GeneratedRegex(@"\A[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\z")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"\A([+-]?[0-9]+)(\.0*)?\z")]
    private static partial Regex WholePattern();

    [GeneratedRegex(@"\A[ \t]*\z")]
    private static partial Regex BlankPattern();

    [GeneratedRegex(@"\A[ \t]*#")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex WhitespaceRun();

    /// <summary>A finite decimal, or null.</summary>
    public static double? Decimal(string s)
    {
        if (!DecimalPattern().IsMatch(s)) return null;
        double v = double.Parse(s, CultureInfo.InvariantCulture);
        return double.IsFinite(v) ? v : null;
    }

    /// <summary>A whole number that fits an int, or null.</summary>
    public static int? Int(string s)
    {
        var m = WholePattern().Match(s);
        if (!m.Success) return null;
        var v = BigInteger.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return v >= int.MinValue && v <= int.MaxValue ? (int)v : null;
    }

    /// <summary>True for a whole number of any size.</summary>
    public static bool IsWhole(string s) => WholePattern().IsMatch(s);

    /// <summary>Lines split on '\n' with one trailing '\r' removed, numbered from 1.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text) =>
        text.Split('\n').Select((l, i) => (i + 1, l.EndsWith('\r') ? l[..^1] : l));

    public static bool IsBlank(string line) => BlankPattern().IsMatch(line);

    public static bool IsComment(string line) => CommentPattern().IsMatch(line);

    /// <summary>Data lines (neither blank nor comments).</summary>
    public static List<(int Number, string Text)> DataLines(string text) =>
        Lines(text).Where(l => !IsBlank(l.Text) && !IsComment(l.Text)).ToList();

    /// <summary>
    /// For files where line k is frame k: the first blank line of a gap that has data lines on
    /// both sides, or null.
    /// </summary>
    public static int? BlankBetweenRows(string text)
    {
        bool data = false;
        int? gap = null;
        foreach (var (n, l) in Lines(text))
        {
            if (IsBlank(l)) { gap ??= n; continue; }
            if (IsComment(l)) continue;
            if (data && gap is not null) return gap;
            data = true;
            gap = null;
        }
        return null;
    }

    public static string[] SplitOn(string line, char separator) => line.Split(separator).Select(f => f.Trim(' ', '\t')).ToArray();

    public static string[] SplitWhitespace(string line) => WhitespaceRun().Split(line.Trim(' ', '\t'));

    /// <summary>Box x,y,w,h from four fields, or null when any is not a number, a size is not above 0 or is lost in x + w.</summary>
    public static BoxXyxy? Xywh(string[] f, int at)
    {
        if (Decimal(f[at]) is not double x || Decimal(f[at + 1]) is not double y || Decimal(f[at + 2]) is not double w || Decimal(f[at + 3]) is not double h) return null;
        if (w <= 0 || h <= 0) return null;
        double x1 = x + w, y1 = y + h;
        if (!double.IsFinite(x1) || !double.IsFinite(y1) || x1 <= x || y1 <= y) return null;
        return new BoxXyxy(x, y, x1, y1);
    }

    /// <summary>True when every field from <paramref name="at"/> on is a finite decimal.</summary>
    public static bool AllDecimal(string[] f, int at) => f.Skip(at).All(s => Decimal(s) is not null);
}
