using System.Globalization;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Number formatting and file-name numbers shared by the benchmark readers and writers (fields are read by <see cref="Text.AnnotationTextFile"/>).</summary>
internal static class AnnotationText
{
    /// <summary>Formats a coordinate without trailing zeros, invariant culture.</summary>
    public static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The number in a file name's stem ("000012.xml" -&gt; 12, "img000012.xml" -&gt; 12), or null when
    /// the stem holds no run of digits or more than one ("f_2_v3.xml": joining them would invent 23).
    /// </summary>
    public static int? NumberInName(string path)
    {
        var runs = System.Text.RegularExpressions.Regex.Matches(Path.GetFileNameWithoutExtension(path), "[0-9]+");
        return runs.Count == 1 && int.TryParse(runs[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }
}
