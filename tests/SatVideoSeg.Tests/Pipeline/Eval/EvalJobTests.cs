using SatVideoSeg.Core.Detections;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Eval;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Eval;

public class EvalJobTests
{
    private const int Precision = 9;

    [Fact]
    public void Ground_Truth_Against_Itself_Scores_One_On_Every_Metric()
    {
        using var dir = new TempDir();
        string gt = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "gt.mots.txt");

        var report = EvalJob.Run(new EvalOptions(gt, gt, dir.Path));

        Assert.Equal(["airplane", "car", "ship", "train"], report.Classes);
        Assert.Equal(90, report.Sequences.Single().Frames);
        foreach (var cls in report.Classes.Append(EvalReport.ClassAveraged).Append(EvalReport.DetAveraged))
        {
            var m = report[EvalReport.Combined, cls];
            Assert.Equal(1, m.Hota, Precision);
            Assert.Equal(1, m.Motsa, Precision);
            Assert.Equal(1, m.SMotsa, Precision);
            Assert.Equal(1, m.Idf1, Precision);
            Assert.Equal(1, m.JandF, Precision);
            Assert.Equal(1, m.ObjectIoU, Precision);
            Assert.Equal(1, m.UnionBIoU, Precision);
            Assert.Equal((0L, 0L, 0L), (m.Fp, m.Fn, m.Idsw));
        }
        Assert.True(File.Exists(Path.Combine(dir.Path, EvalJob.JsonFile)));
        Assert.True(File.Exists(Path.Combine(dir.Path, EvalJob.CsvFile)));
    }

    [Fact]
    public void A_Hand_Worked_Mots_Pair_Scores_Per_Class_And_Combined()
    {
        using var dir = new TempDir();
        var (gt, pred) = EvalSamples.WriteIdSwitchPair(dir.Path);

        var report = EvalJob.Run(new EvalOptions(pred, gt, Path.Combine(dir.Path, "out")));

        // Airplane: exact masks, id 1 then id 2 -> HOTA sqrt(DetA 1 x AssA 0.5); MOTSA (4-0-1)/4; IDF1 2/(2+1+1).
        // J&F by id over frames 1..2: frame 1 exact, frame 2 prediction 1 missing -> 0.5. Per-object IoU (1+1+0+0)/4.
        var plane = report[EvalReport.Combined, "airplane"];
        Assert.Equal(Math.Sqrt(0.5), plane.Hota, Precision);
        Assert.Equal(0.75, plane.Motsa, Precision);
        Assert.Equal(1, plane.Idsw);
        Assert.Equal(0.5, plane.Idf1, Precision);
        Assert.Equal(0.5, plane.JandF, Precision);
        Assert.Equal(0.5, plane.ObjectIoU, Precision);
        // Car: one pixel, exact in all 4 frames: 1 everywhere.
        var car = report[EvalReport.Combined, "car"];
        Assert.Equal(1, car.Hota, Precision);
        Assert.Equal(1, car.JandF, Precision);
        // Ship: one prediction and no ground truth: FP 1, HOTA 0, J&F undefined (no annotated object).
        var ship = report[EvalReport.Combined, "ship"];
        Assert.Equal((1L, 0.0), (ship.Fp, ship.Hota));
        Assert.True(double.IsNaN(ship.JandF));

        // Class-averaged: mean over the three classes with detections: (sqrt(0.5) + 1 + 0) / 3; J&F over classes with objects.
        var clsAvg = report[EvalReport.Combined, EvalReport.ClassAveraged];
        Assert.Equal((Math.Sqrt(0.5) + 1 + 0) / 3, clsAvg.Hota, Precision);
        Assert.Equal((0.5 + 1) / 2, clsAvg.JandF, Precision);
        // Detection-averaged: TP 8, FN 0, FP 1 -> DetA 8/9; AssA = (4 x 0.5 + 4 x 1)/8 = 0.75 -> HOTA sqrt(2/3).
        // MOTSA = (8 - 1 - 1)/8; IDTP 2+4, IDFN 2, IDFP 2+1 -> IDF1 = 6/(6 + 1 + 1.5).
        var detAvg = report[EvalReport.Combined, EvalReport.DetAveraged];
        Assert.Equal(Math.Sqrt(8.0 / 9 * 0.75), detAvg.Hota, Precision);
        Assert.Equal(0.75, detAvg.Motsa, Precision);
        Assert.Equal(6 / 8.5, detAvg.Idf1, Precision);
        // One sequence: its rows equal the combined ones.
        Assert.Equal(detAvg.Hota, report["gt", EvalReport.DetAveraged].Hota, Precision);
    }

    [Fact]
    public void Different_Frame_Sizes_Are_An_Error_Naming_Both_Files()
    {
        using var dir = new TempDir();
        var gt = TestMots.Write(dir.File("gt.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "#")));
        var pred = TestMots.Write(dir.File("pred.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(16, 10, 1, 1, "#")));

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(pred, gt, dir.File("out"))));

        Assert.Equal($"frame sizes differ: {gt} is 16x12, {pred} is 16x10", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void MotsChallenge_Folders_Pair_Sequences_By_Name_And_Use_The_Sequence_Length()
    {
        using var dir = new TempDir();
        var mask = TestFrames.FromArt(16, 12, 1, 1, "##");
        foreach (var seq in new[] { "seq-a", "seq-b" })
        {
            TestMots.Write(Path.Combine(dir.Path, "gt", seq, "gt", "gt.txt"), (0, 1, ObjectClass.Car, mask), (1, 1, ObjectClass.Car, mask));
            File.WriteAllText(Path.Combine(dir.Path, "gt", seq, "seqinfo.ini"), $"[Sequence]\nname={seq}\nseqLength=5\nimWidth=16\nimHeight=12\n");
        }
        TestMots.Write(Path.Combine(dir.Path, "tracker", "data", "seq-a.txt"), (0, 7, ObjectClass.Car, mask), (1, 7, ObjectClass.Car, mask));
        TestMots.Write(Path.Combine(dir.Path, "tracker", "data", "seq-b.txt"), (0, 7, ObjectClass.Car, mask));

        var report = EvalJob.Run(new EvalOptions(Path.Combine(dir.Path, "tracker"), Path.Combine(dir.Path, "gt"), dir.File("out")));

        Assert.Equal(["seq-a", "seq-b"], report.Sequences.Select(s => s.Name));
        Assert.All(report.Sequences, s => Assert.Equal(5, s.Frames));
        Assert.Equal(1, report["seq-a", "car"].Hota, Precision);
        // seq-b: frame 1 missed. Combined: TP 3, FN 1 -> MOTSA 3/4.
        Assert.Equal(0.75, report[EvalReport.Combined, "car"].Motsa, Precision);
        Assert.Contains("MotsChallengeFolder", report.GroundTruth);
        Assert.Contains("MotsTrackerFolder", report.Predicted);
    }

    [Fact]
    public void A_Missing_Sequence_Is_An_Error_Naming_Both_Folders()
    {
        using var dir = new TempDir();
        var mask = TestFrames.FromArt(16, 12, 1, 1, "#");
        TestMots.Write(Path.Combine(dir.Path, "gt", "seq-a", "gt", "gt.txt"), (0, 1, ObjectClass.Car, mask));
        TestMots.Write(Path.Combine(dir.Path, "gt", "seq-b", "gt", "gt.txt"), (0, 1, ObjectClass.Car, mask));
        TestMots.Write(Path.Combine(dir.Path, "tracker", "seq-a.txt"), (0, 1, ObjectClass.Car, mask));
        TestMots.Write(Path.Combine(dir.Path, "tracker", "seq-c.txt"), (0, 1, ObjectClass.Car, mask));

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(Path.Combine(dir.Path, "tracker"), Path.Combine(dir.Path, "gt"), dir.File("out"))));

        Assert.Contains("missing from the prediction", e.Message);
        Assert.Contains("seq-b", e.Message);
        Assert.Contains("not in the ground truth", e.Message);
        Assert.Contains("seq-c", e.Message);
    }

    [Fact]
    public void A_Prediction_Beyond_The_Sequence_Length_Is_An_Error()
    {
        using var dir = new TempDir();
        var mask = TestFrames.FromArt(16, 12, 1, 1, "#");
        TestMots.Write(Path.Combine(dir.Path, "gt", "s", "gt", "gt.txt"), (0, 1, ObjectClass.Car, mask));
        File.WriteAllText(Path.Combine(dir.Path, "gt", "s", "seqinfo.ini"), "[Sequence]\nseqLength=2\nimWidth=16\nimHeight=12\n");
        string pred = TestMots.Write(Path.Combine(dir.Path, "tracker", "s.txt"), (4, 1, ObjectClass.Car, mask));

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(Path.Combine(dir.Path, "tracker"), Path.Combine(dir.Path, "gt"), dir.File("out"))));

        Assert.Contains(pred, e.Message);
        Assert.Contains("has only 2 frames", e.Message);
    }

    [Fact]
    public void Davis_Folders_Are_Read_As_Palette_Indices_With_Void()
    {
        // 3 frames of 8x6. Object 1 is a 2x2 block; the prediction has it in frames 0-1 and misses frame 2.
        // In frame 1 the prediction covers the object plus a column that the ground truth marks void (255).
        // J&F (semi-supervised): only frame 1 is scored, and void pixels are left out: J = F = 1.
        // HOTA does not know void (as TrackEval's MOTS path): frame 1 IoU is 4/6, matching 13 alphas (0.05..0.65).
        //  13 alphas: TP 2, FN 1 -> DetA 2/3, AssA = 2 x 2/(3+2-2) / 2 = 2/3, HOTA 2/3.
        //   6 alphas: TP 1, FN 2, FP 1 -> DetA 1/4, AssA = 1/(3+2-1) = 1/4, HOTA 1/4.
        using var dir = new TempDir();
        const int w = 8, h = 6;
        byte[] Frame(bool obj, bool extraColumn, bool voidColumn)
        {
            var f = new byte[w * h];
            for (int y = 2; y < 4; y++)
            {
                if (obj) { f[y * w + 2] = 1; f[y * w + 3] = 1; }
                if (extraColumn) f[y * w + 4] = 1;
                if (voidColumn) f[y * w + 4] = 255;
            }
            return f;
        }
        Directory.CreateDirectory(Path.Combine(dir.Path, "gt", "blob"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "pred", "blob"));
        for (int t = 0; t < 3; t++)
        {
            TestPng.WritePalette(Path.Combine(dir.Path, "gt", "blob", $"{t:00000}.png"), w, h, Frame(true, false, t == 1));
            TestPng.WritePalette(Path.Combine(dir.Path, "pred", "blob", $"{t:00000}.png"), w, h, Frame(t < 2, t == 1, false));
        }

        var report = EvalJob.Run(new EvalOptions(Path.Combine(dir.Path, "pred"), Path.Combine(dir.Path, "gt"), dir.File("out")));

        var m = report[EvalReport.Combined, "object"];
        Assert.Equal(1, m.JandF, Precision);
        Assert.Equal((13 * 2 / 3.0 + 6 * 0.25) / 19, m.DetA, Precision);
        Assert.Equal((13 * 2 / 3.0 + 6 * 0.25) / 19, m.Hota, Precision);
        Assert.Contains("DavisFolder", report.GroundTruth);
    }

    [Fact]
    public void Davis_Folders_With_Different_Frame_Counts_Are_An_Error()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "gt", "s"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "pred", "s"));
        for (int t = 0; t < 3; t++) TestPng.WritePalette(Path.Combine(dir.Path, "gt", "s", $"{t:00000}.png"), 4, 4, new byte[16]);
        for (int t = 0; t < 2; t++) TestPng.WritePalette(Path.Combine(dir.Path, "pred", "s", $"{t:00000}.png"), 4, 4, new byte[16]);

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(Path.Combine(dir.Path, "pred"), Path.Combine(dir.Path, "gt"), dir.File("out"))));

        Assert.Contains("frame counts differ", e.Message);
        Assert.Contains("has 3 frames", e.Message);
    }

    [Fact]
    public void Mots_Ignore_Regions_Drop_Unmatched_Predictions_Inside_Them()
    {
        // Ground truth: a car at (1,1) and an ignore region (class 10, obj_id 10000) over columns 8..15.
        // Prediction: the car exactly, plus a 2 px false positive inside the ignore region -> dropped, so
        // FP 0 and MOTSA 1 (without the region it would be (1 - 1)/1 = 0).
        using var dir = new TempDir();
        var car = TestFrames.FromArt(16, 12, 1, 1, "#");
        var gt = TestMots.Write(dir.File("gt.txt"), (0, 1, ObjectClass.Car, car));
        var region = new SatVideoSeg.Core.Masks.BitMask(16, 12, new SatVideoSeg.Core.Geometry.PixelRect(8, 0, 8, 12), Enumerable.Repeat((byte)1, 96).ToArray());
        File.AppendAllText(gt, $"1 10000 10 12 16 {SatVideoSeg.Core.Masks.CocoRle.Encode(region).ToCompressedString()}\n");
        var pred = TestMots.Write(dir.File("pred.txt"), (0, 1, ObjectClass.Car, car), (0, 2, ObjectClass.Car, TestFrames.FromArt(16, 12, 10, 3, "##")));

        var report = EvalJob.Run(new EvalOptions(pred, gt, dir.File("out")));

        Assert.Equal(["car"], report.Classes);
        Assert.Equal((0L, 1.0), (report[EvalReport.Combined, "car"].Fp, report[EvalReport.Combined, "car"].Motsa));
    }

    [Fact]
    public void Overlapping_Masks_In_One_Frame_Are_An_Error()
    {
        using var dir = new TempDir();
        // The ground truth reaches frame 3 too: a prediction with objects after its last one is another error.
        var gt = TestMots.Write(dir.File("gt.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "##")), (2, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "##")));
        var pred = TestMots.Write(dir.File("pred.txt"), (2, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "##")), (2, 2, ObjectClass.Car, TestFrames.FromArt(16, 12, 2, 1, "##")));

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(pred, gt, dir.File("out"))));

        Assert.Equal($"{pred}: the masks of objects 4001 and 4002 overlap in frame 3; MOTS masks must be disjoint (TrackEval rejects overlapping masks)", e.Message);
    }

    [Fact]
    public void YouTube_Vis_Ground_Truth_And_Results_Are_Read_As_Tracks()
    {
        // One 16x12 video of 3 frames; ground-truth annotation 5 (an airplane) in every frame; one result
        // covering it exactly in frames 0-1 (frame 0 as uncompressed counts) and null in frame 2.
        // HOTA: TP 2, FN 1 at every alpha -> DetA 2/3, AssA 2 x 2/(3+2-2) / 2 = 2/3 -> HOTA 2/3.
        // MOTSA 2/3; IDF1 = 2/(2 + 0 + 0.5) = 0.8. J&F paired by Hungarian (the ids differ): frame 1 exact -> 1.
        using var dir = new TempDir();
        var mask = TestFrames.FromArt(16, 12, 3, 4, "###", "###");
        var rle = SatVideoSeg.Core.Masks.CocoRle.Encode(mask);
        string compressed = $"{{\"size\":[12,16],\"counts\":\"{rle.ToCompressedString()}\"}}";
        string uncompressed = $"{{\"size\":[12,16],\"counts\":[{string.Join(",", rle.Counts)}]}}";
        File.WriteAllText(dir.File("gt.json"), $$"""
            {"info":{},"categories":[{"id":1,"name":"airplane"}],
             "videos":[{"id":3,"width":16,"height":12,"length":3,"file_names":["clip/00000.jpg","clip/00001.jpg","clip/00002.jpg"]}],
             "annotations":[{"id":5,"video_id":3,"category_id":1,"iscrowd":0,"segmentations":[{{compressed}},{{compressed}},{{compressed}}]}]}
            """);
        File.WriteAllText(dir.File("results.json"), $$"""
            [{"video_id":3,"category_id":1,"score":0.9,"segmentations":[{{uncompressed}},{{compressed}},null]}]
            """);

        var report = EvalJob.Run(new EvalOptions(dir.File("results.json"), dir.File("gt.json"), dir.File("out"))
        {
            JandF = new SatVideoSeg.Core.Metrics.Davis.JandFOptions { Matching = SatVideoSeg.Core.Metrics.Davis.JandFMatching.HungarianJandF },
        });

        Assert.Equal("clip", report.Sequences.Single().Name);
        var m = report[EvalReport.Combined, "airplane"];
        Assert.Equal(2 / 3.0, m.Hota, Precision);
        Assert.Equal(2 / 3.0, m.Motsa, Precision);
        Assert.Equal(0.8, m.Idf1, Precision);
        Assert.Equal(1, m.JandF, Precision);
        Assert.Contains("YouTubeVisJson", report.Predicted);
    }

    [Fact]
    public void A_YouTube_Vis_Results_List_Needs_A_YouTube_Vis_Ground_Truth()
    {
        using var dir = new TempDir();
        var gt = TestMots.Write(dir.File("gt.txt"), (0, 1, ObjectClass.Car, TestFrames.FromArt(16, 12, 1, 1, "#")));
        File.WriteAllText(dir.File("results.json"), "[]");

        var e = Assert.Throws<JobException>(() => EvalJob.Run(new EvalOptions(dir.File("results.json"), gt, dir.File("out"))));

        Assert.Contains("needs a YouTube-VIS ground-truth JSON", e.Message);
    }

    [Fact]
    public void Class_Ids_Outside_Our_Map_Stay_Separate_Classes()
    {
        // KITTI/MOTSChallenge-style ids 5 and 6 with the same instance number: two classes, no clash.
        using var dir = new TempDir();
        var a = SatVideoSeg.Core.Masks.CocoRle.Encode(TestFrames.FromArt(16, 12, 1, 1, "#")).ToCompressedString();
        var b = SatVideoSeg.Core.Masks.CocoRle.Encode(TestFrames.FromArt(16, 12, 5, 5, "#")).ToCompressedString();
        File.WriteAllText(dir.File("gt.txt"), $"1 5001 5 12 16 {a}\n1 6001 6 12 16 {b}\n");

        var report = EvalJob.Run(new EvalOptions(dir.File("gt.txt"), dir.File("gt.txt"), dir.File("out")));

        Assert.Equal(["class5", "class6"], report.Classes);
        Assert.Equal(1, report[EvalReport.Combined, EvalReport.DetAveraged].Hota, Precision);
    }
}
