using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Pipeline.Convert;

/// <summary>`convert` meets a frame file cut short: it stops by default, or skips or uses it when asked, and says so per sequence.</summary>
public class ConvertDamagedFrameTests
{
    // A MOT-layout benchmark of one sequence, three noise frames, one car per frame; frame 2's file is
    // cut short: a PNG loses its IEND chunk, a JPEG keeps its first 3000 bytes (libjpeg decodes those).
    private static string Benchmark(TempDir dir, string ext = ".png")
    {
        string seq = dir.File("bench/seq-a");
        Directory.CreateDirectory(Path.Combine(seq, "img1"));
        for (int i = 1; i <= 3; i++)
        {
            using var m = new Mat(120, 160, MatType.CV_8UC3);
            Cv2.Randu(m, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
            Cv2.ImEncode(ext, m, out var bytes);
            File.WriteAllBytes(Path.Combine(seq, "img1", $"{i:D6}{ext}"), i != 2 ? bytes : ext == ".png" ? bytes[..^12] : bytes[..3000]);
        }
        MotChallengeFormat.Save(seq, [.. Enumerable.Range(0, 3).Select(f => new BenchmarkBox(f, 1, ObjectClass.Car, new BoxXyxy(4, 4, 12, 10)))]);
        return dir.File("bench");
    }

    private static ConvertOptions Options(string root, string output, DamagedFramePolicy policy) =>
        new(root, output) { Segmenter = "box", DamagedFrames = policy };

    [Fact]
    public void By_Default_The_Sequence_Stops_Naming_The_File_And_Its_Frame_And_Leaves_No_Out_Folder()
    {
        using var dir = new TempDir();
        string root = Benchmark(dir);

        var e = Assert.Throws<JobException>(() => ConvertJob.Run(Options(root, dir.File("out"), DamagedFramePolicy.Fail)));

        Assert.StartsWith($"sequence seq-a: {Path.Combine(root, "seq-a", "img1", "000002.png")}: frame 2 is damaged", e.Message);
        Assert.False(Directory.Exists(dir.File("out"))); // it failed before writing anything
    }

    [Fact]
    public void Skip_Keeps_The_Sequence_Length_With_No_Masks_In_The_Frame_And_Lists_It()
    {
        using var dir = new TempDir();
        string output = dir.File("out");

        var report = ConvertJob.Run(Options(Benchmark(dir), output, DamagedFramePolicy.Skip));

        Assert.Equal((3, 2, 1), (report.Frames, report.ObjectFrames, report.Flags["damagedFrames"]));
        Assert.Equal(3, Directory.EnumerateFiles(ConvertPaths.DavisSequence(output, "seq-a"), "*.png").Count());
        Assert.Equal(3, MotsSeqInfo.Load(ConvertPaths.MotsSeqInfo(output, "seq-a")).Length);
        Assert.Contains("\"action\": \"skip\"", File.ReadAllText(ConvertPaths.Status(output, "seq-a")));
    }

    [Fact]
    public void Use_Segments_What_The_Decoder_Gives_And_Counts_The_Frame()
    {
        using var dir = new TempDir();

        var report = ConvertJob.Run(Options(Benchmark(dir, ".jpg"), dir.File("out"), DamagedFramePolicy.Use));

        Assert.Equal((3, 3, 1), (report.Frames, report.ObjectFrames, report.Flags["damagedFrames"]));
    }
}
