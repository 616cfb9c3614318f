using System.Globalization;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Number formatting and file-name numbers shared by the benchmark readers and writers (fields are read by <see cref="Text.AnnotationTextFile"/>).</summary>
internal static class AnnotationText
{
    /// <summary>Formats a coordinate without trailing zeros, invariant culture.</summary>
    public static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The integer made of the digits of a file name's stem ("000012.xml" -&gt; 12), or null.</summary>
    public static int? NumberInName(string path)
    {
        var digits = new string(Path.GetFileNameWithoutExtension(path).Where(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and < 10 ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }
}
