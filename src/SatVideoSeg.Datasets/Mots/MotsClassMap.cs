using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.IO;

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

    /// <summary>Reads a class map; errors name file:line.</summary>
    public static IReadOnlyDictionary<int, string> Load(string path)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        var map = new Dictionary<int, string>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (f.Length != 2 || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id))
                throw new AnnotationFormatException(path, n, "expected 'class_id name'");
            map[id] = f[1];
        }
        return map;
    }
}
