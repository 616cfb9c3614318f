using System.Globalization;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Mots;

/// <summary>
/// The <c>seqinfo.ini</c> of a MOTSChallenge sequence folder (<c>[Sequence]</c> name, imDir,
/// frameRate, seqLength, imWidth, imHeight, imExt), plus our <c>frameBase</c> key (1 MOTSChallenge,
/// 0 KITTI) so readers know how gt.txt counts frames; a missing frameBase reads as 1.
/// </summary>
/// <param name="Name">Sequence name.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Length">Number of frames.</param>
/// <param name="FrameBase">First frame number used in gt.txt: 1 or 0.</param>
/// <param name="FrameRate">Frames per second (10 when unknown).</param>
/// <param name="ImageDirectory">Frame folder name (imDir).</param>
/// <param name="ImageExtension">Frame file extension (imExt).</param>
public sealed record MotsSeqInfo(string Name, int Width, int Height, int Length, int FrameBase = 1, double FrameRate = 10, string ImageDirectory = "img1", string ImageExtension = ".jpg")
{
    /// <summary>File name.</summary>
    public const string FileName = "seqinfo.ini";

    /// <summary>Writes the file atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, Format());

    /// <summary>The text <see cref="Save"/> writes.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"[Sequence]\nname={Name}\nimDir={ImageDirectory}\nframeRate={FrameRate}\nseqLength={Length}\nimWidth={Width}\nimHeight={Height}\nimExt={ImageExtension}\nframeBase={FrameBase}\n");

    /// <summary>Reads a seqinfo.ini (keys case-insensitive, each once; every non-blank line a key=value, a [section] or a comment); errors name the file, line and key.</summary>
    public static MotsSeqInfo Load(string path)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        return Parse(path, AnnotationTextFile.Decode(File.ReadAllBytes(path)));
    }

    /// <summary>The same from the file's text (<paramref name="path"/> names it in messages).</summary>
    public static MotsSeqInfo Parse(string path, string text)
    {
        var keys = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        int n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            string trimmed = line.Trim(' ', '\t');
            // INI: blank lines, ; or # comments and [section] headers carry no key.
            if (trimmed.Length == 0 || trimmed[0] is ';' or '#' || (trimmed[0] == '[' && trimmed[^1] == ']')) continue;
            int eq = trimmed.IndexOf('=');
            if (eq < 1) throw new AnnotationFormatException(path, n, $"expected key=value, got '{AnnotationLine.Shown(trimmed)}'");
            string key = trimmed[..eq].Trim(' ', '\t');
            if (keys.TryGetValue(key, out var earlier)) throw new AnnotationFormatException(path, n, $"key '{AnnotationLine.Shown(key)}' appears twice (line {earlier.Line})");
            keys[key] = (trimmed[(eq + 1)..].Trim(' ', '\t'), n);
        }
        string Text(string key, string? fallback = null) =>
            keys.TryGetValue(key, out var v) ? v.Value : fallback ?? throw new AnnotationFormatException(path, 0, $"missing key '{key}'");
        int Int(string key, int min, int max, int? fallback = null)
        {
            if (!keys.TryGetValue(key, out var v))
                return fallback ?? throw new AnnotationFormatException(path, 0, $"missing key '{key}'");
            return NumberText.TryInt(v.Value, out int i) && i >= min && i <= max ? i
                : throw new AnnotationFormatException(path, v.Line, $"{key} ('{AnnotationLine.Shown(v.Value)}'): not a whole number in {min}..{max}");
        }
        double rate = 10;
        if (keys.TryGetValue("frameRate", out var fr) && !(NumberText.TryDecimal(fr.Value, out rate) && rate > 0))
            throw new AnnotationFormatException(path, fr.Line, $"frameRate ('{AnnotationLine.Shown(fr.Value)}'): not a number above 0");
        return new MotsSeqInfo(Text("name"), Int("imWidth", 1, int.MaxValue), Int("imHeight", 1, int.MaxValue), Int("seqLength", 0, int.MaxValue), Int("frameBase", 0, 1, 1), rate, Text("imDir", "img1"), Text("imExt", ".jpg"));
    }
}
