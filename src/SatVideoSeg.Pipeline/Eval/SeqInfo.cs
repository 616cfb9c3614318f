using System.Globalization;
using SatVideoSeg.Datasets;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>The fields of a MOTChallenge seqinfo.ini that evaluation needs.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Name">Sequence name (name=).</param>
/// <param name="Length">Frames (seqLength=).</param>
/// <param name="Width">Frame width (imWidth=).</param>
/// <param name="Height">Frame height (imHeight=).</param>
public sealed record SeqInfo(string Path, string Name, int Length, int Width, int Height)
{
    /// <summary>Reads a seqinfo.ini; seqLength, imWidth and imHeight are required.</summary>
    public static SeqInfo Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            int eq = line.IndexOf('=');
            if (eq <= 0 || line.StartsWith('[') || line.StartsWith(';') || line.StartsWith('#')) continue;
            values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        int Int(string key) => values.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) && i > 0
            ? i
            : throw new AnnotationFormatException(path, 0, $"missing or invalid '{key}=' (a positive integer)");
        return new SeqInfo(path, values.GetValueOrDefault("name", ""), Int("seqLength"), Int("imWidth"), Int("imHeight"));
    }
}
