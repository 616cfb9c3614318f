using System.Globalization;
using System.Text.Json;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Datasets.Ids;

/// <summary>
/// How the object ids of one written output (a MOTS file, a DAVIS folder) relate to the user's own
/// ids, where the format could not hold them (MOTS: instance ids 1..999 per class; DAVIS palette
/// PNGs: 254 objects) and they were renumbered. Saved as <see cref="FileName"/> beside the output;
/// `render` and `eval` read it back (<see cref="FindFor"/>) and show the original ids.
/// <code>
/// { "output": "tracks.mots.txt", "format": "mots", "written": "obj_id = class_id*1000 + instance id",
///   "reason": "...", "ids": { "1500": 1001, "7": 1002 } }
/// </code>
/// <c>ids</c> maps each original id (a JSON key, ascending) to the value written for it (MOTS
/// obj_id, DAVIS pixel value), or to a list of them where one id was written as several objects
/// (a MOTS track whose boxes change class); written values are unique.
/// </summary>
public sealed class TrackIdMap
{
    /// <summary>File name of a map, beside the output it describes.</summary>
    public const string FileName = "ids.json";

    private readonly SortedDictionary<int, List<int>> _written = [];
    private readonly Dictionary<int, int> _original = [];

    /// <summary>
    /// A map of <paramref name="written"/> (original id -> written value; an original id may come
    /// more than once) for <paramref name="output"/> (a file or folder name) in <paramref name="format"/>.
    /// </summary>
    public TrackIdMap(string output, string format, string writtenAs, string reason, IEnumerable<KeyValuePair<int, int>> written)
    {
        Output = output;
        Format = format;
        WrittenAs = writtenAs;
        Reason = reason;
        foreach (var (original, value) in written)
        {
            if (!_original.TryAdd(value, original))
                throw new ArgumentException($"ids {_original[value]} and {original} are both written as {value}", nameof(written));
            if (!_written.TryGetValue(original, out var values)) _written[original] = values = [];
            values.Add(value);
        }
        foreach (var values in _written.Values) values.Sort();
        Written = new SortedDictionary<int, int>(_written.ToDictionary(kv => kv.Key, kv => kv.Value[0]));
        AllWritten = new SortedDictionary<int, IReadOnlyList<int>>(_written.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<int>)kv.Value));
    }

    /// <summary>Name of the file or folder the map describes, relative to the map's folder ("." = the folder itself).</summary>
    public string Output { get; }

    /// <summary>The format written: "mots" or "davis".</summary>
    public string Format { get; }

    /// <summary>What a written value is, in words.</summary>
    public string WrittenAs { get; }

    /// <summary>Why the ids were renumbered.</summary>
    public string Reason { get; }

    /// <summary>Original id -> written value (the lowest, where there are several), ascending original ids.</summary>
    public IReadOnlyDictionary<int, int> Written { get; }

    /// <summary>Original id -> every value written for it, ascending.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> AllWritten { get; }

    /// <summary>The user's id of a written value; the value itself when the map does not name it.</summary>
    public int Original(int written) => _original.TryGetValue(written, out int id) ? id : written;

    /// <summary>Writes the map atomically to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("output", Output);
            w.WriteString("format", Format);
            w.WriteString("written", WrittenAs);
            w.WriteString("reason", Reason);
            w.WriteStartObject("ids");
            foreach (var (original, values) in _written)
            {
                string key = original.ToString(CultureInfo.InvariantCulture);
                if (values.Count == 1)
                {
                    w.WriteNumber(key, values[0]);
                    continue;
                }
                w.WriteStartArray(key);
                foreach (int v in values) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    /// <summary>Reads a map; errors name the file.</summary>
    public static TrackIdMap Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var ids = new List<KeyValuePair<int, int>>();
            foreach (var p in root.GetProperty("ids").EnumerateObject())
            {
                if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int original))
                    throw new AnnotationFormatException(path, 0, $"ids: '{p.Name}' is not a non-negative whole number");
                if (p.Value.ValueKind == JsonValueKind.Array) ids.AddRange(p.Value.EnumerateArray().Select(v => new KeyValuePair<int, int>(original, v.GetInt32())));
                else ids.Add(new(original, p.Value.GetInt32()));
            }
            return new TrackIdMap(root.GetProperty("output").GetString()!, root.GetProperty("format").GetString()!,
                root.GetProperty("written").GetString()!, root.GetProperty("reason").GetString()!, ids);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new AnnotationFormatException(path, 0, $"not an id map: {e.Message}");
        }
    }

    /// <summary>
    /// The map of an output file or folder: <see cref="FileName"/> in the file's folder (or in the
    /// folder itself) whose <see cref="Output"/> names it; null when there is none.
    /// </summary>
    public static TrackIdMap? FindFor(string output)
    {
        bool folder = Directory.Exists(output);
        string full = Path.GetFullPath(Path.TrimEndingDirectorySeparator(output));
        string mapPath = folder ? Path.Combine(full, FileName) : Path.Combine(Path.GetDirectoryName(full)!, FileName);
        if (!File.Exists(mapPath)) return null;
        var map = Load(mapPath);
        return map.Output == (folder ? "." : Path.GetFileName(full)) ? map : null;
    }
}
