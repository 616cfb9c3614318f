using System.Text.Json;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// Reads YouTube-VIS JSON (FORMATS.md §5) for evaluation: a ground-truth file
/// <c>{videos, annotations, categories}</c> or a results file <c>[{video_id, category_id,
/// segmentations, score}]</c>, which takes its videos and category names from the ground truth.
/// Segmentations must be RLE (compressed string or uncompressed counts); polygons are rejected.
/// Every result is a track (TrackEval's YouTube-VIS reading: no score threshold).
/// </summary>
public static class YouTubeVisReader
{
    /// <summary>Reads a ground-truth file.</summary>
    public static IReadOnlyList<YouTubeVisSequence> ReadGroundTruth(string path)
    {
        using var doc = Parse(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("videos", out var videos) || !root.TryGetProperty("annotations", out var annotations))
            throw new AnnotationFormatException(path, 0, "not a YouTube-VIS ground-truth file: expected an object with 'videos' and 'annotations'");
        var categories = Categories(path, root);
        var tracks = new Dictionary<int, List<YouTubeVisTrack>>();
        foreach (var a in Items(path, annotations, "annotations"))
        {
            int videoId = Int(path, a, "video_id");
            var video = FindVideo(path, videos, videoId);
            var track = new YouTubeVisTrack(Int(path, a, "id"), CategoryName(path, categories, Int(path, a, "category_id")), Segmentations(path, a, video));
            if (!tracks.TryGetValue(videoId, out var list)) tracks[videoId] = list = [];
            list.Add(track);
        }
        return Items(path, videos, "videos").Select(v => Sequence(path, v, tracks.GetValueOrDefault(Int(path, v, "id")) ?? [])).ToArray();
    }

    /// <summary>Reads a results file against the ground truth's videos and categories.</summary>
    public static IReadOnlyList<YouTubeVisSequence> ReadResults(string path, string groundTruthPath)
    {
        using var gtDoc = Parse(groundTruthPath);
        using var doc = Parse(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new AnnotationFormatException(path, 0, "not a YouTube-VIS results file: expected a list of {video_id, category_id, segmentations, score}");
        if (gtDoc.RootElement.ValueKind != JsonValueKind.Object || !gtDoc.RootElement.TryGetProperty("videos", out var videos))
            throw new AnnotationFormatException(groundTruthPath, 0, "not a YouTube-VIS ground-truth file: expected an object with 'videos'");
        var categories = Categories(groundTruthPath, gtDoc.RootElement);
        var tracks = new Dictionary<int, List<YouTubeVisTrack>>();
        int index = 0;
        foreach (var r in Items(path, doc.RootElement, "results"))
        {
            index++;
            int videoId = Int(path, r, "video_id");
            var video = FindVideo(path, videos, videoId);
            var track = new YouTubeVisTrack(index, CategoryName(path, categories, Int(path, r, "category_id")), Segmentations(path, r, video));
            if (!tracks.TryGetValue(videoId, out var list)) tracks[videoId] = list = [];
            list.Add(track);
        }
        return Items(groundTruthPath, videos, "videos").Select(v => Sequence(path, v, tracks.GetValueOrDefault(Int(path, v, "id")) ?? [])).ToArray();
    }

    /// <summary>True when the file's JSON root is a results list (not a ground-truth object).</summary>
    public static bool IsResultsFile(string path)
    {
        using var stream = File.OpenRead(path);
        int b;
        while ((b = stream.ReadByte()) >= 0)
            if (!char.IsWhiteSpace((char)b)) return b == '[';
        return false;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new AnnotationFormatException(path, (int)(e.LineNumber ?? -1) + 1, $"invalid JSON: {e.Message}");
        }
    }

    private static YouTubeVisSequence Sequence(string path, JsonElement video, IReadOnlyList<YouTubeVisTrack> tracks)
    {
        int id = Int(path, video, "id");
        string name = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (video.TryGetProperty("file_names", out var files) && files.ValueKind == JsonValueKind.Array && files.GetArrayLength() > 0
            && files[0].ValueKind == JsonValueKind.String)
        {
            var dir = Path.GetDirectoryName(files[0].GetString() ?? "");
            if (!string.IsNullOrEmpty(dir)) name = dir;
        }
        return new YouTubeVisSequence(name, $"{path} (video {id})", Int(path, video, "width"), Int(path, video, "height"), Int(path, video, "length"), tracks);
    }

    private static Dictionary<int, string> Categories(string path, JsonElement root)
    {
        var map = new Dictionary<int, string>();
        if (root.TryGetProperty("categories", out var cats))
            foreach (var c in Items(path, cats, "categories"))
                map[Int(path, c, "id")] = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
        return map;
    }

    private static string CategoryName(string path, Dictionary<int, string> categories, int id) =>
        categories.TryGetValue(id, out var name) && name.Length > 0 ? name : $"category{id}";

    private static JsonElement FindVideo(string path, JsonElement videos, int id)
    {
        foreach (var v in Items(path, videos, "videos"))
            if (Int(path, v, "id") == id) return v;
        throw new AnnotationFormatException(path, 0, $"video_id {id} is not among the ground truth's videos");
    }

    private static List<CocoRle?> Segmentations(string path, JsonElement item, JsonElement video)
    {
        int videoId = Int(path, video, "id");
        int length = Int(path, video, "length"), width = Int(path, video, "width"), height = Int(path, video, "height");
        // JSON elements carry no line numbers: messages name the video, the item and the frame.
        if (width < 1 || height < 1 || length < 0)
            throw new AnnotationFormatException(path, 0, $"video {videoId}: size {width}x{height}, length {length}: width and height must be above 0");
        string where = item.TryGetProperty("id", out var itemId) ? $"annotation {itemId}" : $"result of video {videoId}";
        if (!item.TryGetProperty("segmentations", out var segs) || segs.ValueKind != JsonValueKind.Array)
            throw new AnnotationFormatException(path, 0, $"{where} has no 'segmentations' list");
        if (segs.GetArrayLength() != length)
            throw new AnnotationFormatException(path, 0, $"{where}: {segs.GetArrayLength()} segmentations for video {videoId} of {length} frames");
        var list = new List<CocoRle?>(length);
        foreach (var s in segs.EnumerateArray())
        {
            string at = $"{where}, frame {list.Count + 1}";
            if (s.ValueKind == JsonValueKind.Null) { list.Add(null); continue; }
            if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("counts", out var counts))
                throw new AnnotationFormatException(path, 0, $"{at}: polygon segmentations are not supported; give RLE ({{size, counts}})");
            if (!s.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Array || size.GetArrayLength() != 2
                || size[0].ValueKind != JsonValueKind.Number || size[1].ValueKind != JsonValueKind.Number
                || !size[0].TryGetInt32(out int h) || !size[1].TryGetInt32(out int w))
                throw new AnnotationFormatException(path, 0, $"{at}: 'size' must be [height, width]");
            if (h != height || w != width)
                throw new AnnotationFormatException(path, 0, $"{at}: RLE size {w}x{h} differs from video {videoId}'s {width}x{height}");
            try
            {
                list.Add(counts.ValueKind == JsonValueKind.String
                    ? CocoRle.FromCompressedString(counts.GetString()!, h, w)
                    : new CocoRle(h, w, counts.EnumerateArray().Select(c => c.GetInt64()).ToArray()));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new AnnotationFormatException(path, 0, $"{at}: bad RLE: {e.Message}");
            }
        }
        return list;
    }

    private static int Int(string path, JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)
            ? i
            : throw new AnnotationFormatException(path, 0, $"missing integer '{name}'");

    // The items of a JSON list; anything else is the file's error, not a crash (found by the fuzz test).
    private static IEnumerable<JsonElement> Items(string path, JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new AnnotationFormatException(path, 0, $"'{what}' must be a list, not {e.ValueKind.ToString().ToLowerInvariant()}");
}
