using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class SparsePromptingTests
{
    [Fact]
    public void Boxes_Every_5_Frames_On_The_Synthetic_Sample_Never_Lose_The_Airplanes()
    {
        using var dir = new TempDir();
        var options = new SegmentOptions(RepoPaths.SynthSample("video.mp4"), RepoPaths.SynthSample("boxes.mot.txt"), dir.File("out"), "box") { BoxesEvery = 5, WriteOverlay = false };

        var report = SegmentJob.Run(options);

        // Airplanes 2-4 are in view, well apart, for all 90 frames: annotated in frames 1, 6, ..., 86, predicted in the other 72.
        foreach (int id in new[] { 2, 3, 4 })
        {
            var q = report.TrackQuality.Single(t => t.TrackId == id);
            Assert.Equal((1, 90, 90, 0, 72), (q.FirstFrame, q.LastFrame, q.Frames, q.LostFrames, q.PredictedPrompts));
            Assert.StartsWith("2-5,7-10,", q.PredictedPromptFrames);
        }
        Assert.Equal(16, report.Tracks);
        Assert.True(report.PredictedPrompts > 900);
        var records = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToList();
        Assert.Equal(report.ObjectFrames, records.Count);
        Assert.Equal(Enumerable.Range(1, 16), records.Select(r => r.TrackId).Distinct().Order());
    }

    [Fact]
    public void Init_Only_With_GrabCut_Follows_Two_Moving_Ellipses_Through_Every_Frame()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        var options = new SegmentOptions(video, boxes, dir.File("out"), "grabcut") { InitOnly = true };

        var report = SegmentJob.Run(options);

        Assert.Equal(2 * (TestVideo.Frames - 1), report.PredictedPrompts);
        Assert.All(report.TrackQuality, q => Assert.Equal((TestVideo.Frames, 0), (q.Frames, q.LostFrames)));
        var records = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToList();
        for (int i = 0; i < TestVideo.Frames; i++)
        {
            var (_, truth) = TestFrames.Ellipses(i, TestVideo.Width, TestVideo.Height, (20 + 3 * i, 20, 8, 5), (70, 40 - 2 * i, 10, 6));
            foreach (var r in records.Where(r => r.FrameIndex == i))
            {
                double iou = MaskIoU.Compute(r.Rle.Decode(), truth[r.TrackId - 1]);
                Assert.True(iou > 0.75, $"frame {i + 1}, object {r.TrackId}: mask IoU {iou:0.00}");
            }
        }
        Assert.True(File.Exists(dir.File("out/" + SegmentJob.OverlayFile)));
    }

    [Fact]
    public void Boxes_Without_Ids_Get_Stable_Ids_From_The_Linker()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        // The same boxes as a detector would give them: MOT id -1.
        File.WriteAllLines(boxes, File.ReadAllLines(boxes).Select(l => { var f = l.Split(','); f[1] = "-1"; return string.Join(',', f); }));

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { WriteOverlay = false });

        Assert.Equal(2, report.Tracks);
        Assert.All(report.TrackQuality, q => Assert.Equal((1, TestVideo.Frames, TestVideo.Frames), (q.FirstFrame, q.LastFrame, q.Frames)));
    }

    [Fact]
    public void Detections_Without_Ids_Every_Third_Frame_Are_Linked_Through_The_Predicted_Frames_Between()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        File.WriteAllLines(boxes, File.ReadAllLines(boxes).Select(l => { var f = l.Split(','); f[1] = "-1"; return string.Join(',', f); }));

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "grabcut") { BoxesEvery = 3, WriteOverlay = false });

        // Detections in frames 1, 4, 7; GrabCut masks in the predicted frames carry both tracks to the next pass.
        Assert.Equal(2, report.Tracks);
        Assert.All(report.TrackQuality, q => Assert.Equal((TestVideo.Frames, 0, 5), (q.Frames, q.LostFrames, q.PredictedPrompts)));
    }

    [Theory]
    [InlineData(1, 3)] // every box: the track ends with its last box
    [InlineData(2, 4)] // every 2nd box: frame 3 is used, frame 4 predicted, frame 5 has no box and ends it
    public void An_Object_Whose_Scheduled_Box_Is_Missing_Is_Ended_Not_Kept_Lost(int every, int lastFrame)
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        // Object 2 has boxes in frames 1-3 only.
        File.WriteAllLines(boxes, File.ReadAllLines(boxes).Where(l => !(l.Split(',')[1] == "2" && int.Parse(l.Split(',')[0]) > 3)));

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { BoxesEvery = every, WriteOverlay = false });

        var q = report.TrackQuality.Single(t => t.TrackId == 2);
        Assert.Equal((1, lastFrame, 0), (q.FirstFrame, q.LastFrame, q.LostFrames));
        Assert.Equal(TestVideo.Frames, report.TrackQuality.Single(t => t.TrackId == 1).Frames);
    }

    [Fact]
    public void Init_Only_And_Boxes_Every_Together_Are_Refused()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { InitOnly = true, BoxesEvery = 5 }));

        Assert.Contains("--init-only and --boxes-every 5 exclude each other", e.Message);
    }

    [RealDataFact("jilin1-car-0001")]
    public void The_Jilin_Car_Started_From_Its_First_Box_Is_Never_Lost_With_GrabCut()
    {
        using var dir = new TempDir();
        string sample = RealData.Path("jilin1-car-0001");
        var options = new SegmentOptions(Path.Combine(sample, "frames"), Path.Combine(sample, "groundtruth.txt"), dir.File("out"), "grabcut") { InitOnly = true, WriteOverlay = false };

        var report = SegmentJob.Run(options);

        var q = Assert.Single(report.TrackQuality);
        Assert.Equal((10, 320, 311, 0, 310), (q.FirstFrame, q.LastFrame, q.Frames, q.LostFrames, q.PredictedPrompts));
        // The mask's box against the ground-truth box, every annotated frame: centred on the car (GrabCut's
        // masks of a 9x10 px car are ~5x4 px, which caps the box IoU near 0.3; README reports the number).
        var gt = BoxFileReader.Read(Path.Combine(sample, "groundtruth.txt"));
        var masks = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToDictionary(r => r.FrameIndex, r => r.Rle.Decode().TightRect().ToBox());
        var errors = gt.Frames.Select(f => Math.Sqrt(Math.Pow(masks[f].CenterX - gt.ForFrame(f)[0].Box.CenterX, 2) + Math.Pow(masks[f].CenterY - gt.ForFrame(f)[0].Box.CenterY, 2))).ToArray();
        Assert.True(errors.Average() < 2, $"mean centre error {errors.Average():0.00} px");
        Assert.True(errors.Max() < 6, $"largest centre error {errors.Max():0.00} px");
    }

    [RealDataFact("jilin1-car-0001")]
    public void The_Jilin_Car_From_Its_First_Box_Follows_Its_Appearance_As_Closely_As_Given_Boxes_Nearly_Allow()
    {
        // The shipped model: mean mask-box IoU 0.736 with all 311 boxes given, 0.476 from the
        // first box by motion alone (README, 2026-11-23); issue 15 asks for 0.68 with no lost frame.
        using var dir = new TempDir();
        string sample = RealData.Path("jilin1-car-0001");
        var options = new SegmentOptions(Path.Combine(sample, "frames"), Path.Combine(sample, "groundtruth.txt"), dir.File("out"), "sam") { InitOnly = true, WriteOverlay = false, WriteReport = false };

        var report = SegmentJob.Run(options);

        var q = Assert.Single(report.TrackQuality);
        Assert.Equal((311, 0), (q.Frames, q.LostFrames));
        var gt = BoxFileReader.Read(Path.Combine(sample, "groundtruth.txt"));
        var masks = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToDictionary(r => r.FrameIndex, r => r.Rle.Decode().TightRect().ToBox());
        double meanIoU = gt.Frames.Average(f => masks.TryGetValue(f, out var box) ? box.IoU(gt.ForFrame(f)[0].Box) : 0);
        Assert.True(meanIoU >= 0.68, $"mean mask-box IoU {meanIoU:0.000}");
    }

    [RealDataFact("jilin1-car-0001")]
    public void Propagating_Both_Ways_Gives_The_Frames_Before_The_First_Box_Masks_And_Leaves_The_Rest_As_Forward()
    {
        using var dir = new TempDir();
        string sample = RealData.Path("jilin1-car-0001");
        SegmentOptions Options(string output, Propagation propagate) =>
            new(Path.Combine(sample, "frames"), Path.Combine(sample, "groundtruth.txt"), dir.File(output), "sam")
            { InitOnly = true, Propagate = propagate, WriteOverlay = false, WriteReport = false };

        SegmentJob.Run(Options("forward", Propagation.Forward));
        var report = SegmentJob.Run(Options("both", Propagation.Both));

        // The first box is on frame 10: frames 1-9 now have masks too, every one near the car's path
        // extrapolated back (it moves about +1 px in x and y per frame; frame 10's box starts at 120,12).
        var forward = File.ReadAllLines(dir.File("forward/" + SegmentJob.TracksFile));
        var both = File.ReadAllLines(dir.File("both/" + SegmentJob.TracksFile));
        Assert.Equal(320, both.Length);
        Assert.Equal(forward, both.Skip(9));
        var early = MotsFormat.ReadFile(dir.File("both/" + SegmentJob.TracksFile)).Take(9).Select(r => r.Rle.Decode().TightRect().ToBox()).ToArray();
        Assert.Equal(Enumerable.Range(0, 9), MotsFormat.ReadFile(dir.File("both/" + SegmentJob.TracksFile)).Take(9).Select(r => r.FrameIndex));
        for (int f = 0; f < 9; f++)
        {
            double dx = early[f].CenterX - (124.5 - (9 - f)), dy = early[f].CenterY - (17 - (9 - f));
            Assert.True(Math.Sqrt(dx * dx + dy * dy) < 5, $"frame {f + 1}: mask centred at ({early[f].CenterX:0.0}, {early[f].CenterY:0.0})");
        }
        Assert.Equal(320, report.ObjectFrames);
    }

    [RealDataFact("jilin1-car-0001")]
    public void Propagating_Backward_From_Every_Tenth_Box_Follows_The_Real_Car_Into_The_Past()
    {
        using var dir = new TempDir();
        string sample = RealData.Path("jilin1-car-0001");
        var options = new SegmentOptions(Path.Combine(sample, "frames"), Path.Combine(sample, "groundtruth.txt"), dir.File("backward"), "sam")
        { BoxesEvery = 10, Propagate = Propagation.Backward, WriteOverlay = false, WriteReport = false };

        SegmentJob.Run(options);

        // Boxes used on frames 10, 20, ..., 320 (its last): every frame from 1 gets a mask, each near the car.
        var truth = BoxFileReader.Read(Path.Combine(sample, "groundtruth.txt"));
        var rows = MotsFormat.ReadFile(dir.File("backward/" + SegmentJob.TracksFile)).ToArray();
        Assert.Equal(Enumerable.Range(0, 320), rows.Select(r => r.FrameIndex));
        foreach (var r in rows.Where(r => r.FrameIndex >= 9))
        {
            var mask = r.Rle.Decode().TightRect().ToBox();
            var box = truth.ForFrame(r.FrameIndex).Single().Box;
            double dx = mask.CenterX - box.CenterX, dy = mask.CenterY - box.CenterY;
            Assert.True(Math.Sqrt(dx * dx + dy * dy) < 4, $"frame {r.FrameIndex + 1}: mask centred at ({mask.CenterX:0.0}, {mask.CenterY:0.0}), the car at ({box.CenterX:0.0}, {box.CenterY:0.0})");
        }
    }

    [Fact]
    public void Propagating_Backward_Starts_From_A_Correction_As_From_A_Scheduled_Box()
    {
        // An ellipse moving 3 px a frame, its first box the only one scheduled (--init-only), and a
        // correction on frame 6. Going back, the correction is a start like any used box: frame 6's
        // mask is the corrected box itself (the box segmenter fills its prompt), and frames 1-5 are
        // followed back from it. Before, the backward pass took only the schedule's boxes, and
        // frames 2-6 got no mask at all.
        using var dir = new TempDir();
        string boxes = dir.File("boxes.txt"), corrections = dir.File("corrections.txt");
        string frames = EllipseFrames(dir, i => [(20 + 3 * i, 30, 6, 4)], boxes, firstBoxFrame: 0);
        var corrected = new SatVideoSeg.Core.Geometry.BoxXyxy(30, 24, 42, 33);
        File.WriteAllText(corrections, "6,1,30,24,12,9,1,4\n");

        SegmentJob.Run(new SegmentOptions(frames, boxes, dir.File("out"), "box")
            { InitOnly = true, Corrections = corrections, Propagate = Propagation.Backward, WriteOverlay = false, WriteReport = false });

        var rows = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToArray();
        Assert.Equal(Enumerable.Range(0, 6), rows.Select(r => r.FrameIndex));
        Assert.Equal(SatVideoSeg.Core.Masks.BitMask.FromBox(corrected, 96, 64).TightRect(), rows[5].Rle.Decode().TightRect());
    }

    [Fact]
    public void Propagating_Both_Ways_Gives_No_Masks_Before_An_Object_Enters_At_The_Frame_Edge()
    {
        // Both objects are first boxed on frame 3: object 1 coming in at the left edge (its box
        // touches it), object 2 inside the frame. Going back, object 2 gets frames 1-2; object 1
        // was not in view before frame 3, so it gets none (before, the pass followed its sliver
        // back along the edge).
        using var dir = new TempDir();
        string boxes = dir.File("boxes.txt");
        string frames = EllipseFrames(dir, i => [(3 * i - 4, 20, 6, 4), (60, 30 + 2 * i, 6, 4)], boxes, firstBoxFrame: 2);
        Assert.StartsWith("3,1,0,", File.ReadLines(boxes).First()); // object 1's first box touches the left edge

        SegmentJob.Run(new SegmentOptions(frames, boxes, dir.File("out"), "box")
            { InitOnly = true, Propagate = Propagation.Both, WriteOverlay = false, WriteReport = false });

        var rows = MotsFormat.ReadFile(dir.File("out/" + SegmentJob.TracksFile)).ToArray();
        Assert.Equal(Enumerable.Range(0, 8), rows.Where(r => r.ObjectId % 1000 == 2).Select(r => r.FrameIndex));
        Assert.Equal(2, rows.Where(r => r.ObjectId % 1000 == 1).Min(r => r.FrameIndex));
    }

    [Fact]
    public void Propagating_Both_Ways_Over_A_Video_Is_Refused_Before_Any_Output()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { Propagate = Propagation.Both }));

        Assert.Contains("--propagate both reads frames back to front and needs a folder of frames", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Propagating_Backward_Over_A_Video_Is_Refused_Before_Any_Output()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { Propagate = Propagation.Backward }));

        Assert.Contains("--propagate backward reads frames back to front and needs a folder of frames", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Propagating_Both_Ways_Needs_Object_Ids()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(new SegmentOptions(video, boxes, dir.File("out"), "box") { Propagate = Propagation.Both, IgnoreIds = true }));

        Assert.Contains("--propagate both follows each object back from its boxes by its id", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    // Eight 96 x 64 PNG frames of moving bright ellipses (object k + 1 is ellipses(i)[k] in 0-based
    // frame i) in dir/frames, and a MOT box file of their tight boxes from firstBoxFrame on; returns the folder.
    private static string EllipseFrames(TempDir dir, Func<int, (double Cx, double Cy, double Rx, double Ry)[]> ellipses, string boxes, int firstBoxFrame)
    {
        string frames = Directory.CreateDirectory(dir.File("frames")).FullName;
        var lines = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            var (frame, masks) = TestFrames.Ellipses(i, 96, 64, ellipses(i));
            using (var mat = OpenCvSharp.Mat.FromPixelData(64, 96, OpenCvSharp.MatType.CV_8UC3, frame.Pixels))
                OpenCvSharp.Cv2.ImWrite(Path.Combine(frames, $"{i + 1:D6}.png"), mat);
            for (int k = 0; k < masks.Length && i >= firstBoxFrame; k++)
            {
                var r = masks[k].TightRect();
                lines.Add($"{i + 1},{k + 1},{r.X},{r.Y},{r.Width},{r.Height},1,4");
            }
        }
        File.WriteAllLines(boxes, lines);
        return frames;
    }
}
