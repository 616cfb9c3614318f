using CsCheck;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Eval;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Eval;

/// <summary>
/// eval's YouTube-VIS reader (ground truth and results) under byte-level mutations of a valid file:
/// it reads the file or refuses it with its own <see cref="AnnotationFormatException"/> naming the
/// file, never another exception (a crash), and a file it reads decodes every frame of every video.
/// </summary>
public class YouTubeVisReaderFuzzTests
{
    private static byte[] GroundTruth()
    {
        var masks = Enumerable.Range(0, 3).Select(f =>
        {
            var full = new byte[6 * 4];
            full[f * 5] = full[f * 5 + 1] = 1;
            return (BitMask?)BitMask.FromFullFrame(full, 6, 4);
        }).Append(null).ToArray();
        var annotation = new YtvisAnnotation(1, 1, 4, masks.Select(m => m is null ? null : CocoRle.Encode(m)).ToArray(),
            masks.Select(m => m?.Area).ToArray(), masks.Select(m => m is null ? (BoxXywh?)null : YtvisFormat.BoxOf(m)).ToArray());
        var video = new YtvisVideo(1, 6, 4, 4, Enumerable.Range(1, 4).Select(i => $"s/{i:D6}.jpg").ToArray());
        return YtvisFormat.ToJson(new YtvisDataset([video], [annotation], [new YtvisCategory(4, "car")]), compressedRle: true);
    }

    private static readonly Gen<byte[]> Mutated = Gen.Select(Gen.Int[1, 4], Gen.Int, Gen.Byte).SelectMany((count, seed, _) => Gen.Const(0).Select(__ =>
    {
        var bytes = GroundTruth();
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int at = rng.Next(bytes.Length);
            switch (rng.Next(3))
            {
                case 0: bytes[at] = (byte)"0123456789-\":,[]{}nule. \n"[rng.Next(25)]; break;
                case 1: bytes = [.. bytes[..at], .. bytes[(at + 1)..]]; break;
                default: bytes = [.. bytes[..at], (byte)rng.Next(32, 127), .. bytes[at..]]; break;
            }
        }
        return bytes;
    }));

    [Fact]
    public void A_Mutated_Ground_Truth_Is_Read_Whole_Or_Refused_With_The_Readers_Own_Error()
    {
        using var dir = new TempDir();
        string path = dir.File("gt.json");
        int read = 0, refused = 0;
        Mutated.Sample(bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                var sequences = YouTubeVisReader.ReadGroundTruth(path);
                read++;
                return sequences.All(s => s.ReadFrames(s.FrameCount).Count() == s.FrameCount);
            }
            catch (AnnotationFormatException e)
            {
                refused++;
                return e.Message.Contains(path);
            }
        }, iter: 10_000, threads: 1);

        // Both outcomes are exercised (a mutation inside a file name or a count keeps the file valid).
        Assert.True(read > 100 && refused > 100, $"{read} read, {refused} refused");
    }

    // Found by the test above (seed 9AhYn6SXAi_1): a mutation that turned a list into an object
    // crashed the reader with System.Text.Json's InvalidOperationException.
    [Theory]
    [InlineData("""{"videos": [], "annotations": {}}""", "'annotations' must be a list, not object")]
    [InlineData("""{"videos": {}, "annotations": []}""", "'videos' must be a list, not object")]
    [InlineData("""{"videos": [{"id": 1, "width": 6, "height": 4, "length": 1}], "annotations": [7]}""", "missing integer 'video_id'")]
    public void A_Value_Of_The_Wrong_Kind_Is_Refused_With_The_Readers_Own_Error(string json, string problem)
    {
        using var dir = new TempDir();
        string path = dir.File("gt.json");
        File.WriteAllText(path, json);

        var e = Assert.Throws<AnnotationFormatException>(() => YouTubeVisReader.ReadGroundTruth(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }
}
