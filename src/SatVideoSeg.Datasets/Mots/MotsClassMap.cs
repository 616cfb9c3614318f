using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Mots;

/// <summary>
/// The class map file written next to MOTS output: one <c>class_id name</c> line per class
/// (0 unknown, 1 airplane, 2 ship, 3 train, 4 car, 10 ignore as MOTS reserves it).
/// </summary>
public static class MotsClassMap
{
    /// <summary>File name.</summary>
    public const string FileName = "classes.txt";

    /// <summary>MOTS's reserved ignore class id.</summary>
    public const int IgnoreClassId = 10;

    /// <summary>The map written: id to name.</summary>
    public static IReadOnlyList<(int Id, string Name)> Entries { get; } =
        [(0, "unknown"), .. ObjectClasses.Known.Select(c => ((int)c, ObjectClasses.Name(c))), (IgnoreClassId, "ignore")];

    /// <summary>Writes the file atomically.</summary>
    public static void Save(string path) =>
        AtomicFile.WriteAllText(path, string.Concat(Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Id} {e.Name}\n"))));

    /// <summary>Reads a class map: <c>class_id name</c> per line (the name is the rest of the line); errors name file:line and column.</summary>
    public static IReadOnlyDictionary<int, string> Load(string path)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        return Parse(path, AnnotationTextFile.Decode(File.ReadAllBytes(path)));
    }

    /// <summary>The same from the file's text (<paramref name="path"/> names it in messages).</summary>
    public static IReadOnlyDictionary<int, string> Parse(string path, string content)
    {
        var map = new Dictionary<int, string>();
        int n = 0;
        foreach (var raw in content.Split('\n'))
        {
            n++;
            string text = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (AnnotationTextFile.IsBlank(text)) continue;
            int space = text.IndexOf(' ');
            var line = new AnnotationLine(path, n, space < 0 ? [text] : [text[..space], text[(space + 1)..].Trim(' ', '\t')]);
            line.RequireCount(2, 2, "class_id name");
            int id = line.Integer(0, "class_id");
            if (line[1].Length == 0) throw line.Error(1, "the class name is empty");
            if (!map.TryAdd(id, line[1])) throw line.Error(0, $"class_id appears twice (also '{map[id]}')");
        }
        return map;
    }
}
