using System.Globalization;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Field splitting and number parsing shared by the benchmark readers; errors name file:line.</summary>
internal static class AnnotationText
{
    private static readonly char[] AnySeparator = [',', '\t', ' ', ';'];

    /// <summary>True for blank lines and '#' comments.</summary>
    public static bool IsSkipped(string line) => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#');

    /// <summary>Splits on any of comma, tab, space or semicolon, dropping empty fields.</summary>
    public static string[] Split(string line) => line.Split(AnySeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses a number (NaN allowed: SOT files mark missing boxes with it).</summary>
    public static double Number(string file, int line, string s, string what)
    {
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        throw new AnnotationFormatException(file, line, $"{what} '{s}' is not a number");
    }

    /// <summary>Parses an integer written as "7" or "7.0".</summary>
    public static int Integer(string file, int line, string s, string what)
    {
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
            return (int)d;
        throw new AnnotationFormatException(file, line, $"{what} '{s}' is not an integer");
    }

    /// <summary>Formats a coordinate without trailing zeros, invariant culture.</summary>
    public static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The integer made of the digits of a file name's stem ("000012.xml" -&gt; 12), or null.</summary>
    public static int? NumberInName(string path)
    {
        var digits = new string(Path.GetFileNameWithoutExtension(path).Where(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and < 10 ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }
}
