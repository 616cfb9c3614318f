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
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var videos = root.GetProperty("videos").EnumerateArray().Select(v => new YtvisVideo(
                v.GetProperty("id").GetInt32(), v.GetProperty("width").GetInt32(), v.GetProperty("height").GetInt32(),
                v.TryGetProperty("length", out var len) ? len.GetInt32() : v.GetProperty("file_names").GetArrayLength(),
                v.GetProperty("file_names").EnumerateArray().Select(f => f.GetString()!).ToArray())).ToArray();
            var annotations = root.GetProperty("annotations").EnumerateArray().Select(ReadAnnotation).ToArray();
            var categories = root.GetProperty("categories").EnumerateArray().Select(c => new YtvisCategory(
                c.GetProperty("id").GetInt32(), c.GetProperty("name").GetString()!,
                c.TryGetProperty("supercategory", out var s) ? s.GetString()! : "object")).ToArray();
            string description = root.TryGetProperty("info", out var info) && info.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            return new YtvisDataset(videos, annotations, categories) { Description = description };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AnnotationFormatException(path, 0, $"not a YouTube-VIS file: {e.Message}");
        }
    }

    private static YtvisAnnotation ReadAnnotation(JsonElement a)
    {
        var segmentations = a.GetProperty("segmentations").EnumerateArray().Select(ReadRle).ToArray();
        var areas = a.TryGetProperty("areas", out var ar)
            ? ar.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? (long?)null : (long)x.GetDouble()).ToArray()
            : segmentations.Select(s => s?.Area).ToArray();
        var boxes = a.TryGetProperty("bboxes", out var bb)
            ? bb.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? (BoxXywh?)null
                : new BoxXywh(x[0].GetDouble(), x[1].GetDouble(), x[2].GetDouble(), x[3].GetDouble())).ToArray()
            : new BoxXywh?[segmentations.Length];
        var attributes = new Dictionary<string, string>();
        if (a.TryGetProperty("attributes", out var at))
            foreach (var p in at.EnumerateObject()) attributes[p.Name] = p.Value.ToString();
        return new YtvisAnnotation(a.GetProperty("id").GetInt32(), a.GetProperty("video_id").GetInt32(), a.GetProperty("category_id").GetInt32(), segmentations, areas, boxes)
        {
            IsCrowd = a.TryGetProperty("iscrowd", out var c) ? c.GetInt32() : 0,
            Attributes = attributes,
        };
    }

    private static CocoRle? ReadRle(JsonElement s)
    {
        if (s.ValueKind == JsonValueKind.Null) return null;
        var size = s.GetProperty("size");
        int h = size[0].GetInt32(), w = size[1].GetInt32();
        var counts = s.GetProperty("counts");
        return counts.ValueKind == JsonValueKind.String
            ? CocoRle.FromCompressedString(counts.GetString()!, h, w)
            : new CocoRle(h, w, counts.EnumerateArray().Select(x => x.GetInt64()).ToArray());
    }

    /// <summary>The bbox COCO stores for a mask: its tight rectangle as [x, y, w, h].</summary>
    public static BoxXywh BoxOf(BitMask mask)
    {
        var r = mask.TightRect();
        return new BoxXywh(r.X, r.Y, r.Width, r.Height);
    }
}
