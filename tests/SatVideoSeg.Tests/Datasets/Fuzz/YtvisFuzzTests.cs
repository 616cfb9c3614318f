using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.YouTubeVis;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>
/// YouTube-VIS JSON. JSON has no columns, so the reference here is a second reading of the same
/// bytes through <see cref="JsonNode"/> with the rules written out plainly; datasets are compared
/// as one canonical text. Syntax errors carry a line; structural ones name the element instead.
/// </summary>
public class YtvisFuzzTests
{
    private const string File = "instances.json";

    private static readonly Gen<YtvisDataset> Datasets =
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[0, 3], Gen.Int)
            .Select((length, h, w, objects, seed) =>
            {
                var rng = new Random(seed);
                var video = new YtvisVideo(1, w, h, length, Enumerable.Range(1, length).Select(i => $"s/{i:D6}.jpg").ToArray());
                var annotations = Enumerable.Range(1, objects).Select(id =>
                {
                    var masks = Enumerable.Range(0, length).Select(_ =>
                    {
                        if (rng.Next(3) == 0) return null;
                        var full = new byte[w * h];
                        full[rng.Next(full.Length)] = 1;
                        return BitMask.FromFullFrame(full, w, h);
                    }).ToArray();
                    return new YtvisAnnotation(id, 1, rng.Next(5), masks.Select(m => m is null ? null : CocoRle.Encode(m)).ToArray(),
                        masks.Select(m => m?.Area).ToArray(), masks.Select(m => m is null ? (BoxXywh?)null : YtvisFormat.BoxOf(m)).ToArray())
                        { Attributes = new Dictionary<string, string> { ["source_id"] = (id * 7).ToString(CultureInfo.InvariantCulture) } };
                }).ToArray();
                return new YtvisDataset([video], annotations, [new YtvisCategory(4, "car")]);
            });

    private static string Canonical(YtvisDataset d) => string.Join('\n',
        d.Videos.Select(v => $"v {v.Id} {v.Width} {v.Height} {v.Length} {string.Join('|', v.FileNames)}")
            .Concat(d.Annotations.Select(a => $"a {a.Id} {a.VideoId} {a.CategoryId} {a.IsCrowd} "
                + string.Join(';', a.Segmentations.Select(s => s is null ? "-" : $"{s.Height}x{s.Width}:{string.Join(',', s.Counts)}")) + " "
                + string.Join(';', a.Areas.Select(x => x?.ToString(CultureInfo.InvariantCulture) ?? "-")) + " "
                + string.Join(';', a.Bboxes.Select(b => b is BoxXywh r ? string.Create(CultureInfo.InvariantCulture, $"{r.X:R},{r.Y:R},{r.W:R},{r.H:R}") : "-")) + " "
                + string.Join(';', a.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))))
            .Concat(d.Categories.Select(c => $"c {c.Id} {c.Name} {c.Supercategory}"))
            .Append($"d {d.Description}"));

    private sealed class Refused(string why) : Exception(why);

    private static T Need<T>(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue(out T? value) && value is not null) return value;
        throw new Refused($"{node?.ToJsonString() ?? "missing"} is not a {typeof(T).Name}");
    }

    private static JsonArray Array(JsonNode? node) => node as JsonArray ?? throw new Refused("not an array");

    private static JsonObject Obj(JsonNode? node) => node as JsonObject ?? throw new Refused("not an object");

    /// <summary>The canonical text the bytes mean, or null when they are refused; the line of a syntax error.</summary>
    private static (string? Canonical, int SyntaxLine) Reference(byte[] json)
    {
        JsonNode? root;
        try
        {
            new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            return (null, json.Take(e.Index).Count(b => b == '\n') + 1);
        }
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return (null, (int)(e.LineNumber ?? -1) + 1);
        }
        try
        {
            var lines = new List<string>();
            var lengths = new Dictionary<int, int>();
            var top = Obj(root);
            foreach (var v in Array(top["videos"]))
            {
                var names = Array(Obj(v)["file_names"]).Select(Need<string>).ToArray();
                int id = Need<int>(v!["id"]), w = Need<int>(v["width"]), h = Need<int>(v["height"]);
                int length = Obj(v).ContainsKey("length") ? Need<int>(v["length"]) : names.Length;
                if (w < 1 || h < 1 || (names.Length > 0 && names.Length != length)) return (null, 0);
                lengths.TryAdd(id, length);
                lines.Add($"v {id} {w} {h} {length} {string.Join('|', names)}");
            }
            foreach (var a in Array(top["annotations"]))
            {
                int videoId = Need<int>(Obj(a)["video_id"]);
                var segs = Array(a!["segmentations"]).Select(s =>
                {
                    if (s is null) return null;
                    var size = Array(Obj(s)["size"]);
                    if (size.Count != 2) throw new Refused("size");
                    int h = Need<int>(size[0]), w = Need<int>(size[1]);
                    var counts = s["counts"];
                    try
                    {
                        return counts is JsonArray list ? new CocoRle(h, w, list.Select(Need<long>).ToArray()) : CocoRle.FromCompressedString(Need<string>(counts), h, w);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentException)
                    {
                        throw new Refused(e.Message);
                    }
                }).ToArray();
                var obj = Obj(a);
                var areas = obj.ContainsKey("areas") ? Array(a["areas"]).Select(x => x is null ? (long?)null : Need<long>(x)).ToArray() : segs.Select(s => s?.Area).ToArray();
                var boxes = obj.ContainsKey("bboxes") ? Array(a["bboxes"]).Select(x => x is null ? null : Array(x).Count == 4
                    ? string.Create(CultureInfo.InvariantCulture, $"{Need<double>(x[0]):R},{Need<double>(x[1]):R},{Need<double>(x[2]):R},{Need<double>(x[3]):R}")
                    : throw new Refused("bbox")).ToArray() : new string?[segs.Length];
                if (!lengths.TryGetValue(videoId, out int length) || segs.Length != length || areas.Length != length || boxes.Length != length) return (null, 0);
                var attributes = obj.ContainsKey("attributes") ? (a["attributes"] as JsonObject ?? throw new Refused("attributes"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={(p.Value is JsonValue sv && sv.TryGetValue(out string? str) ? str : p.Value?.ToJsonString() ?? "")}") : [];
                int iscrowd = obj.ContainsKey("iscrowd") ? Need<int>(a["iscrowd"]) : 0;
                lines.Add($"a {Need<int>(a["id"])} {videoId} {Need<int>(a["category_id"])} {iscrowd} "
                    + string.Join(';', segs.Select(s => s is null ? "-" : $"{s.Height}x{s.Width}:{string.Join(',', s.Counts)}")) + " "
                    + string.Join(';', areas.Select(x => x?.ToString(CultureInfo.InvariantCulture) ?? "-")) + " "
                    + string.Join(';', boxes.Select(b => b ?? "-")) + " " + string.Join(';', attributes));
            }
            foreach (var c in Array(top["categories"]))
                lines.Add($"c {Need<int>(Obj(c)["id"])} {Need<string>(c!["name"])} {(Obj(c).ContainsKey("supercategory") ? Need<string>(c["supercategory"]) : "object")}");
            var info = top.ContainsKey("info") ? Obj(top["info"]) : null;
            string description = info is not null && info.ContainsKey("description") ? info["description"] is null ? "" : Need<string>(info["description"]) : "";
            lines.Add($"d {description}");
            return (string.Join('\n', lines), 0);
        }
        catch (Exception e) when (e is Refused or InvalidOperationException or ArgumentException)
        {
            return (null, 0);
        }
    }

    [Fact]
    public void Random_Datasets_Round_Trip_With_Either_Rle_Form()
    {
        Gen.Select(Datasets, Gen.Bool).Sample((d, compressed) =>
        {
            var read = YtvisFormat.Parse(File, YtvisFormat.ToJson(d, compressed));

            Assert.Equal(Canonical(d), Canonical(read));
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Files_Are_Refused_With_The_Readers_Own_Error_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Datasets, Gen.Bool, Gen.Int).Sample((d, compressed, seed) =>
        {
            var json = Mutation.Bytewise(YtvisFormat.ToJson(d, compressed), new Random(seed));
            var (expected, syntaxLine) = Reference(json);
            string text = System.Text.Encoding.UTF8.GetString(json);
            YtvisDataset read;
            try
            {
                read = YtvisFormat.Parse(File, json);
            }
            catch (AnnotationFormatException e)
            {
                Assert.True(expected is null, $"refused ({e.Message}) what the reference reads:\n{text}");
                Assert.Equal(syntaxLine, e.Line);
                return;
            }
            Assert.True(expected is not null, $"accepted what the reference refuses:\n{text}");
            Assert.Equal(expected, Canonical(read));
        }, iter: 10_000);
    }
}
