using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Convert;

namespace SatVideoSeg.Tests.Pipeline.Convert;

/// <summary>
/// Reads a convert output folder back through the format readers, as (sequence, 0-based frame,
/// object id) -&gt; compressed RLE; MOTS and DAVIS ids through their ids.json where there is one,
/// so every format is keyed by the benchmark's ids.
/// </summary>
public static class ConvertedOutputs
{
    public static Dictionary<(string Seq, int Frame, int Id), (int Class, string Rle)> Mots(string output)
    {
        var result = new Dictionary<(string, int, int), (int, string)>();
        foreach (var seqDir in Directory.EnumerateDirectories(Path.Combine(output, "mots")))
        {
            var info = MotsSeqInfo.Load(Path.Combine(seqDir, MotsSeqInfo.FileName));
            string gt = Path.Combine(seqDir, "gt", "gt.txt");
            var map = TrackIdMap.FindFor(gt);
            foreach (var r in MotsFormat.ReadFile(gt, info.FrameBase))
                result.Add((info.Name, r.FrameIndex, map?.Original(r.ObjectId) ?? r.TrackId), ((int)r.Class, r.Rle.ToCompressedString()));
        }
        return result;
    }

    public static Dictionary<(string Seq, int Frame, int Id), string> Ytvis(string output)
    {
        var result = new Dictionary<(string, int, int), string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(output, "ytvis", "videos"), "*.json"))
        {
            string seq = Path.GetFileNameWithoutExtension(file);
            foreach (var a in YtvisFormat.Load(file).Annotations)
                for (int f = 0; f < a.Segmentations.Count; f++)
                    if (a.Segmentations[f] is { } rle) result.Add((seq, f, a.Id), rle.ToCompressedString());
        }
        return result;
    }

    public static Dictionary<(string Seq, int Frame, int Id), string> Davis(string output)
    {
        var result = new Dictionary<(string, int, int), string>();
        foreach (var seqDir in Directory.EnumerateDirectories(Path.Combine(output, "davis", "Annotations")))
        {
            string seq = Path.GetFileName(seqDir);
            var map = TrackIdMap.FindFor(seqDir);
            foreach (var (frame, objects) in DavisFormat.LoadSequence(seqDir))
                foreach (var (value, mask) in objects)
                    result.Add((seq, frame, map?.Original(value) ?? value % 1000), CocoRle.Encode(mask).ToCompressedString());
        }
        return result;
    }

    /// <summary>Every file below a folder, relative path (with '/') to bytes.</summary>
    public static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertSameFiles(string expected, string actual)
    {
        var a = Files(expected);
        var b = Files(actual);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs");
    }

    public static string Status(string output, string sequence) => ConvertPaths.Status(output, sequence);
}
