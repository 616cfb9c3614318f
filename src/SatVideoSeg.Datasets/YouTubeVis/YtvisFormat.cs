using System.Text.Json;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Datasets.YouTubeVis;

/// <summary>
/// Writes and reads YouTube-VIS JSON (FORMATS.md §5) with COCO RLE segmentations: compressed
/// (<c>"counts":"&lt;ascii&gt;"</c>, pycocotools' string) or uncompressed (<c>"counts":[...]</c>).
/// Output is deterministic: fixed key order, no timestamps, invariant numbers.
/// </summary>
public static class YtvisFormat
{
    /// <summary>Writes the dataset atomically.</summary>
    public static void Save(string path, YtvisDataset dataset, bool compressedRle = true) =>
        AtomicFile.WriteAllBytes(path, ToJson(dataset, compressedRle));

    /// <summary>The dataset as indented UTF-8 JSON.</summary>
    public static byte[] ToJson(YtvisDataset dataset, bool compressedRle = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("info");
            w.WriteString("description", dataset.Description);
            w.WriteEndObject();
            w.WriteStartArray("videos");
            foreach (var v in dataset.Videos)
            {
                w.WriteStartObject();
                w.WriteNumber("id", v.Id);
                w.WriteNumber("width", v.Width);
                w.WriteNumber("height", v.Height);
                w.WriteNumber("length", v.Length);
                w.WriteStartArray("file_names");
                foreach (var f in v.FileNames) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("annotations");
            foreach (var a in dataset.Annotations) WriteAnnotation(w, a, compressedRle);
            w.WriteEndArray();
            w.WriteStartArray("categories");
            foreach (var c in dataset.Categories)
            {
                w.WriteStartObject();
                w.WriteNumber("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteString("supercategory", c.Supercategory);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteAnnotation(Utf8JsonWriter w, YtvisAnnotation a, bool compressed)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteNumber("video_id", a.VideoId);
        w.WriteNumber("category_id", a.CategoryId);
        w.WriteStartArray("segmentations");
        foreach (var s in a.Segmentations)
        {
            if (s is null) { w.WriteNullValue(); continue; }
            w.WriteStartObject();
            w.WriteStartArray("size");
            w.WriteNumberValue(s.Height);
            w.WriteNumberValue(s.Width);
            w.WriteEndArray();
            if (compressed)
            {
                w.WriteString("counts", s.ToCompressedString());
            }
            else
            {
                w.WriteStartArray("counts");
                foreach (long c in s.Counts) w.WriteNumberValue(c);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("areas");
        foreach (var x in a.Areas) { if (x is long v) w.WriteNumberValue(v); else w.WriteNullValue(); }
        w.WriteEndArray();
        w.WriteStartArray("bboxes");
        foreach (var b in a.Bboxes)
        {
            if (b is not BoxXywh box) { w.WriteNullValue(); continue; }
            w.WriteStartArray();
            w.WriteNumberValue(box.X);
            w.WriteNumberValue(box.Y);
            w.WriteNumberValue(box.W);
            w.WriteNumberValue(box.H);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("iscrowd", a.IsCrowd);
        if (a.Attributes.Count > 0)
        {
            w.WriteStartObject("attributes");
            foreach (var (k, v) in a.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>Reads a YouTube-VIS file; either RLE form is accepted; errors name the file.</summary>
    public static YtvisDataset Load(string path)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        return Parse(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// The same from the file's bytes (<paramref name="path"/> names it in messages). Every value is
    /// checked for its key: ids and sizes whole numbers, areas whole numbers, bboxes four numbers,
    /// one segmentation, area and bbox per frame of the annotation's video, and one file name per
    /// frame where a video lists any. JSON syntax errors
    /// name their line; other errors name the element (<c>annotations[3].bboxes[1]</c>).
    /// </summary>
    public static YtvisDataset Parse(string path, byte[] json)
    {
        // JsonDocument checks UTF-8 only in the strings it is asked to decode: a bad byte in a key
        // that is never looked up would pass unseen.
        var utf16 = new char[json.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(json, utf16, out int valid, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw new AnnotationFormatException(path, json.AsSpan(0, valid).Count((byte)'\n') + 1, $"byte {valid + 1} (0x{json[valid]:X2}) is not UTF-8");
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var videos = Each(root.GetProperty("videos"), "videos", v => new YtvisVideo(
                v.GetProperty("id").GetInt32(), Positive(v.GetProperty("width")), Positive(v.GetProperty("height")),
                v.TryGetProperty("length", out var len) ? len.GetInt32() : v.GetProperty("file_names").GetArrayLength(),
                v.GetProperty("file_names").EnumerateArray().Select(f => Text(f, "a file name")).ToArray()));
            foreach (var (v, k) in videos.Select((v, k) => (v, k)))
                if (v.FileNames.Count != v.Length && v.FileNames.Count > 0) throw new FormatException($"videos[{k}]: length {v.Length} but {v.FileNames.Count} file_names");
            var lengths = videos.GroupBy(v => v.Id).ToDictionary(g => g.Key, g => g.First().Length);
            var annotations = Each(root.GetProperty("annotations"), "annotations", a => ReadAnnotation(a, lengths));
            var categories = Each(root.GetProperty("categories"), "categories", c => new YtvisCategory(
                c.GetProperty("id").GetInt32(), Text(c.GetProperty("name"), "name"),
                c.TryGetProperty("supercategory", out var s) ? Text(s, "supercategory") : "object"));
            string description = root.TryGetProperty("info", out var info) && info.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            return new YtvisDataset(videos, annotations, categories) { Description = description };
        }
        catch (JsonException e)
        {
            throw new AnnotationFormatException(path, (int)(e.LineNumber ?? -1) + 1, $"not JSON: {e.Message}");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new AnnotationFormatException(path, 0, $"not a YouTube-VIS file: {e.Message}");
        }
    }

    // Reads each element of an array, naming the element ("annotations[3]: ...") in errors.
    private static T[] Each<T>(JsonElement array, string name, Func<JsonElement, T> read) =>
        array.EnumerateArray().Select((e, k) =>
        {
            try
            {
                return read(e);
            }
            catch (Exception x) when (x is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentException)
            {
                throw new FormatException($"{name}[{k}]: {x.Message}", x);
            }
        }).ToArray();

    private static string Text(JsonElement e, string what) =>
        e.GetString() ?? throw new FormatException($"{what} must be a string, got null");

    private static int Positive(JsonElement e) =>
        e.GetInt32() is var v && v > 0 ? v : throw new FormatException($"a frame size must be above 0, got {e.GetRawText()}");

    private static YtvisAnnotation ReadAnnotation(JsonElement a, IReadOnlyDictionary<int, int> lengths)
    {
        int videoId = a.GetProperty("video_id").GetInt32();
        if (!lengths.TryGetValue(videoId, out int length)) throw new FormatException($"video_id {videoId} names no video");
        var segmentations = Each(a.GetProperty("segmentations"), "segmentations", ReadRle);
        var areas = a.TryGetProperty("areas", out var ar)
            ? Each(ar, "areas", x => x.ValueKind == JsonValueKind.Null ? (long?)null : x.GetInt64())
            : segmentations.Select(s => s?.Area).ToArray();
        var boxes = a.TryGetProperty("bboxes", out var bb)
            ? Each(bb, "bboxes", ReadBox)
            : new BoxXywh?[segmentations.Length];
        if (segmentations.Length != length || areas.Length != length || boxes.Length != length)
            throw new FormatException($"video {videoId} has {length} frames but {segmentations.Length} segmentations, {areas.Length} areas, {boxes.Length} bboxes");
        var attributes = new Dictionary<string, string>();
        if (a.TryGetProperty("attributes", out var at))
            foreach (var p in at.EnumerateObject()) attributes[p.Name] = p.Value.ToString();
        return new YtvisAnnotation(a.GetProperty("id").GetInt32(), videoId, a.GetProperty("category_id").GetInt32(), segmentations, areas, boxes)
        {
            IsCrowd = a.TryGetProperty("iscrowd", out var c) ? c.GetInt32() : 0,
            Attributes = attributes,
        };
    }

    private static BoxXywh? ReadBox(JsonElement x)
    {
        if (x.ValueKind == JsonValueKind.Null) return null;
        if (x.GetArrayLength() != 4) throw new FormatException($"a bbox holds 4 numbers [x,y,w,h], got {x.GetRawText()}");
        return new BoxXywh(x[0].GetDouble(), x[1].GetDouble(), x[2].GetDouble(), x[3].GetDouble());
    }

    private static CocoRle? ReadRle(JsonElement s)
    {
        if (s.ValueKind == JsonValueKind.Null) return null;
        var size = s.GetProperty("size");
        if (size.GetArrayLength() != 2) throw new FormatException($"a size holds [height, width], got {size.GetRawText()}");
        int h = size[0].GetInt32(), w = size[1].GetInt32();
        var counts = s.GetProperty("counts");
        return counts.ValueKind == JsonValueKind.String
            ? CocoRle.FromCompressedString(Text(counts, "counts"), h, w)
            : new CocoRle(h, w, counts.EnumerateArray().Select(x => x.GetInt64()).ToArray());
    }

    /// <summary>The bbox COCO stores for a mask: its tight rectangle as [x, y, w, h].</summary>
    public static BoxXywh BoxOf(BitMask mask)
    {
        var r = mask.TightRect();
        return new BoxXywh(r.X, r.Y, r.Width, r.Height);
    }
}
