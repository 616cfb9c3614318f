using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Pipeline.Eval;
using SatVideoSeg.Pipeline.Render;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Pipeline.Convert;

/// <summary>
/// Issue 17, item 2: 1,500 ids in one sequence (sparse, up to 150,000, id 0 included, three
/// classes) convert to MOTS, DAVIS and YouTube-VIS; MOTS and DAVIS renumber them and write
/// ids.json; render and eval read the maps back and show the original ids.
/// </summary>
public class ConvertManyIdsTests
{
    private const int Objects = 1500, Columns = 60, Pitch = 4, Width = Columns * Pitch, Height = Objects / Columns * Pitch;
    private static readonly ObjectClass[] Classes = [ObjectClass.Airplane, ObjectClass.Ship, ObjectClass.Car];

    // Object k: id 100*k (0, 100, ..., 149,900), class by k mod 3, a 3x3 box on a 4-px grid (no overlaps).
    private static int IdOf(int k) => 100 * k;

    private static BoxXyxy BoxOf(int k) => new(k % Columns * Pitch, k / Columns * Pitch, k % Columns * Pitch + 3, k / Columns * Pitch + 3);

    private static string WriteBenchmark(string root)
    {
        string seq = Path.Combine(root, "many");
        Directory.CreateDirectory(Path.Combine(seq, "img1"));
        var grey = new byte[Width * Height * 3];
        grey.AsSpan().Fill(90);
        for (int f = 0; f < 2; f++) File.WriteAllBytes(Path.Combine(seq, "img1", $"{f + 1:D6}.png"), ImageCodec.Png(new Frame(f, Width, Height, grey)));
        var boxes = Enumerable.Range(0, 2).SelectMany(f => Enumerable.Range(0, Objects).Select(k => new BenchmarkBox(f, IdOf(k), Classes[k % 3], BoxOf(k)))).ToArray();
        MotChallengeFormat.Save(seq, boxes);
        return root;
    }

    [Fact]
    public void Fifteen_Hundred_Ids_Convert_To_Mots_Davis_And_YouTube_Vis_With_Maps_That_Render_And_Eval_Read_Back()
    {
        using var dir = new TempDir();
        string root = WriteBenchmark(dir.File("bench")), output = dir.File("out");
        var originals = Enumerable.Range(0, Objects).Select(IdOf).ToArray();

        var report = ConvertJob.Run(new ConvertOptions(root, output) { Segmenter = "box", From = BenchmarkLayout.Mot });

        Assert.Equal(Objects, report.Objects);
        Assert.Equal(new[] { "mots/many/gt/ids.json", "davis/Annotations/many/ids.json" }, report.IdMaps);

        // MOTS: 500 objects a class, instance ids 1..500 per class, in ascending original id order.
        string gt = ConvertPaths.MotsGt(output, "many");
        var records = MotsFormat.ReadFile(gt).Where(r => r.FrameIndex == 0).ToArray();
        Assert.Equal(Objects, records.Length);
        Assert.All(records, r => Assert.InRange(r.TrackId, 1, 500));
        var motsMap = TrackIdMap.FindFor(gt)!;
        Assert.Equal(originals, motsMap.Written.Keys);
        for (int k = 0; k < Objects; k++)
            Assert.Equal(MotsFormat.ObjectId(Classes[k % 3], k / 3 + 1), motsMap.Written[IdOf(k)]);
        // Each written object's mask is its original id's box.
        Assert.All(records, r => Assert.Equal(BoxOf(motsMap.Original(r.ObjectId) / 100).ToPixelRect(), r.Rle.Decode().TightRect()));

        // DAVIS: more than 254 objects, so 16-bit PNGs whose pixels are the MOTS obj_ids, with their own map.
        string davis = ConvertPaths.DavisSequence(output, "many");
        var davisMap = TrackIdMap.FindFor(davis)!;
        Assert.Equal(motsMap.Written, davisMap.Written);
        var pixels = DavisFormat.LoadFrame(Path.Combine(davis, DavisFormat.FileName(0)));
        Assert.Equal(originals, pixels.Select(p => davisMap.Original(p.Value)).Order());

        // YouTube-VIS keeps the original ids; no map.
        var ytvis = YtvisFormat.Load(ConvertPaths.YtvisVideo(output, "many"));
        Assert.Equal(originals, ytvis.Annotations.Select(a => a.Id).Order());
        Assert.Null(TrackIdMap.FindFor(ConvertPaths.YtvisVideo(output, "many")));

        // render reads MOTS and DAVIS with their maps: the objects carry the original ids.
        foreach (string tracks in new[] { gt, davis })
        {
            var file = MaskTrackFile.Read(tracks);
            var objects = file.ForFrame(0, Width, Height).Objects;
            Assert.Equal(originals, objects.Select(o => o.TrackId).Order());
            Assert.All(objects, o => Assert.Equal(BoxOf(o.TrackId / 100).ToPixelRect(), o.Mask.TightRect()));
        }

        // eval reads the MOTSChallenge folder with its map: objects are named by their original ids.
        var sequence = EvalInput.Open(Path.Combine(output, "mots"), "ground truth", isGroundTruth: true, frameBase: 1).Sequences.Single();
        var first = sequence.ReadFrames(1).Single();
        Assert.Equal(originals, first.Objects.Select(o => o.TrackId).Order());
    }

    [Fact]
    public void A_Class_Of_More_Than_999_Objects_Stops_A_Mots_Conversion_Naming_The_Class()
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "bench", "cars");
        Directory.CreateDirectory(Path.Combine(seq, "img1"));
        var grey = new byte[Width * Height * 3];
        File.WriteAllBytes(Path.Combine(seq, "img1", "000001.png"), ImageCodec.Png(new Frame(0, Width, Height, grey)));
        MotChallengeFormat.Save(seq, Enumerable.Range(0, 1000).Select(k => new BenchmarkBox(0, k + 1, ObjectClass.Car, BoxOf(k))).ToArray());

        var e = Assert.Throws<SatVideoSeg.Pipeline.Common.JobException>(() =>
            ConvertJob.Run(new ConvertOptions(Path.Combine(dir.Path, "bench"), dir.File("out")) { Segmenter = "box", From = BenchmarkLayout.Mot }));

        Assert.Contains("more than 999 objects of class car", e.Message);
    }
}
