using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Tracking;

namespace SatVideoSeg.Tests.Core.Tracking;

public class MaskTrackLinkerTests
{
    private const int W = 200, H = 120;

    private static BoxXyxy Box(double x, double y, double w = 10, double h = 10) => new(x, y, x + w, y + h);

    // A detector's box (no id) and its mask.
    private static LinkerDetection Det(BoxXyxy box, ObjectClass cls = ObjectClass.Car) =>
        new(cls, box, BitMask.FromBox(box, W, H), PromptSource.Annotated);

    private static LinkerDetection Annotated(int id, BoxXyxy box) =>
        new(ObjectClass.Car, box, BitMask.FromBox(box, W, H), PromptSource.Annotated, AnnotationId: id);

    private static LinkerDetection Predicted(int trackId, BoxXyxy prompt, BitMask mask) =>
        new(ObjectClass.Car, prompt, mask, PromptSource.Predicted, PromptTrackId: trackId);

    private static int[] Ids(LinkerResult r) => r.TrackIds.Select(i => i ?? -1).ToArray();

    [Fact]
    public void Two_Objects_Crossing_Keep_Their_Ids()
    {
        // A moves right, B moves left, 3 px apart vertically: their boxes overlap by up to 70 % at the crossing.
        var linker = new MaskTrackLinker();
        int[]? first = null;
        for (int t = 0; t < 40; t++)
        {
            var a = Box(20 + 4 * t, 50);
            var b = Box(176 - 4 * t, 53);
            var r = linker.Update(t, [Det(a), Det(b)]);
            first ??= Ids(r);
            Assert.Equal(first, Ids(r));
        }
        Assert.Equal(new[] { 1, 2 }, first);
        Assert.Equal(2, linker.Tracks.Count);
    }

    [Fact]
    public void Detections_Given_In_Either_Order_Follow_Their_Tracks()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Det(Box(20, 20)), Det(Box(60, 20))]);
        var r = linker.Update(1, [Det(Box(62, 21)), Det(Box(22, 21))]);

        Assert.Equal(new[] { 2, 1 }, Ids(r));
    }

    [Fact]
    public void Close_Neighbours_Driving_Side_By_Side_Keep_Their_Ids()
    {
        // Two 9x10 cars in adjacent lanes, 1 px gap, same speed, with 1 px measurement jitter.
        var linker = new MaskTrackLinker();
        var rng = new Random(3);
        for (int t = 0; t < 50; t++)
        {
            double j() => rng.Next(-1, 2);
            var r = linker.Update(t, [Det(Box(10 + 3 * t + j(), 40 + j(), 9, 10)), Det(Box(10 + 3 * t + j(), 51 + j(), 9, 10))]);
            Assert.Equal(new[] { 1, 2 }, Ids(r));
        }
    }

    [Fact]
    public void An_Occluded_Object_Is_Lost_Then_Relinked_With_Its_Id_When_It_Reappears()
    {
        var linker = new MaskTrackLinker();
        var states = new List<TrackState>();
        LinkerResult? back = null;
        for (int t = 0; t < 30; t++)
        {
            var other = Det(Box(150, 90));
            // Object 1 moves 2 px/frame and is hidden under a bridge in frames 10-17.
            var r = t is >= 10 and <= 17
                ? linker.Update(t, [other])
                : linker.Update(t, [Det(Box(10 + 2 * t, 30)), other]);
            states.Add(linker.Find(1)!.State);
            if (t == 18) back = r;
            if (t is < 10 or > 17) Assert.Equal(new[] { 1, 2 }, Ids(r));
        }
        Assert.Equal(TrackState.Lost, states[10]);
        Assert.Equal(TrackState.Lost, states[17]);
        Assert.Equal(TrackState.Confirmed, states[18]);
        Assert.Equal(new[] { 1 }, back!.Refound);
    }

    [Fact]
    public void An_Object_Missing_Longer_Than_The_Lost_Buffer_Comes_Back_With_A_New_Id()
    {
        var linker = new MaskTrackLinker(new LinkerOptions(LostBuffer: 5));
        linker.Update(0, [Det(Box(50, 50))]);
        linker.Update(1, [Det(Box(50, 50))]);
        for (int t = 2; t <= 7; t++) linker.Update(t, []);

        Assert.Empty(linker.Tracks);
        Assert.Equal(new[] { 2 }, Ids(linker.Update(8, [Det(Box(50, 50))])));
    }

    [Fact]
    public void A_One_Frame_False_Detection_Is_Removed_Not_Kept_As_Lost()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Det(Box(50, 50))]);
        Assert.Equal(TrackState.Tentative, linker.Find(1)!.State);

        var r = linker.Update(1, []);

        Assert.Equal(new[] { 1 }, r.Removed);
        Assert.Empty(linker.Tracks);
    }

    [Fact]
    public void A_Track_Is_Confirmed_After_MinHits_Matches()
    {
        var linker = new MaskTrackLinker(new LinkerOptions(MinHits: 3));
        linker.Update(0, [Det(Box(50, 50))]);
        linker.Update(1, [Det(Box(51, 50))]);
        Assert.Equal(TrackState.Tentative, linker.Find(1)!.State);
        linker.Update(2, [Det(Box(52, 50))]);
        Assert.Equal(TrackState.Confirmed, linker.Find(1)!.State);
    }

    [Fact]
    public void Objects_Of_Different_Classes_Are_Never_Linked()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Det(Box(50, 50), ObjectClass.Car)]);

        var r = linker.Update(1, [Det(Box(50, 50), ObjectClass.Ship)]);

        Assert.Equal(new[] { 2 }, Ids(r));
    }

    [Fact]
    public void Two_Linkers_Count_Ids_Independently()
    {
        var a = new MaskTrackLinker();
        var b = new MaskTrackLinker();
        a.Update(0, [Det(Box(10, 10)), Det(Box(40, 10)), Det(Box(70, 10))]);

        var r = b.Update(0, [Det(Box(10, 10))]);

        Assert.Equal(new[] { 1 }, Ids(r));
        Assert.Equal(new[] { 4 }, Ids(a.Update(1, [Det(Box(10, 10)), Det(Box(40, 10)), Det(Box(70, 10)), Det(Box(150, 80))])).Skip(3));
    }

    [Fact]
    public void Annotation_Ids_Win_And_A_Swap_Is_Reported_As_A_Disagreement()
    {
        // Two well-separated objects; in frame 5 the annotation swaps their ids.
        var linker = new MaskTrackLinker();
        for (int t = 0; t < 5; t++) linker.Update(t, [Annotated(7, Box(20 + t, 20)), Annotated(9, Box(120 + t, 80))]);

        var r = linker.Update(5, [Annotated(9, Box(25, 20)), Annotated(7, Box(125, 80))]);

        Assert.Equal(new[] { 9, 7 }, Ids(r));
        Assert.Equal(
            new[] { new IdDisagreement(5, 9, 7, "switch"), new IdDisagreement(5, 7, 9, "switch") },
            r.Disagreements);
    }

    [Fact]
    public void Annotated_Ids_That_Agree_With_Linking_Report_Nothing_And_Start_Confirmed()
    {
        var linker = new MaskTrackLinker();
        var r0 = linker.Update(0, [Annotated(3, Box(20, 20))]);
        Assert.Equal(TrackState.Confirmed, linker.Find(3)!.State);

        var r1 = linker.Update(1, [Annotated(3, Box(22, 20))]);

        Assert.Equal(new[] { 3 }, Ids(r1));
        Assert.Empty(r0.Disagreements);
        Assert.Empty(r1.Disagreements);
    }

    [Fact]
    public void A_New_Annotation_Id_On_Top_Of_A_Track_Is_Reported_As_Continue()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(3, Box(20, 20))]);

        var r = linker.Update(1, [Annotated(4, Box(21, 20))]);

        Assert.Equal(new[] { 4 }, Ids(r));
        Assert.Equal(new[] { new IdDisagreement(1, 4, 3, "continue") }, r.Disagreements);
    }

    [Fact]
    public void Counter_Ids_Skip_Annotation_Ids()
    {
        var linker = new MaskTrackLinker();
        var r = linker.Update(0, [Annotated(1, Box(20, 20)), Det(Box(100, 80))]);

        Assert.Equal(new[] { 1, 2 }, Ids(r));
    }

    [Fact]
    public void A_Predicted_Prompt_Mask_Is_The_Tracks_Next_Measurement()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(20, 20))]);
        var prediction = linker.Predict(1).Single();

        // The segmenter finds the object 3 px to the right of the (still motionless) prediction.
        var r = linker.Update(1, [Predicted(1, prediction.Box, BitMask.FromBox(Box(23, 20), W, H))]);

        Assert.Equal(new[] { 1 }, Ids(r));
        Assert.True(linker.Find(1)!.Kalman.CenterX > 25.5, $"centre {linker.Find(1)!.Kalman.CenterX}");
        Assert.True(linker.Find(1)!.Kalman.VelocityX > 0);
    }

    [Fact]
    public void A_Predicted_Prompt_With_An_Empty_Mask_Is_Dropped_And_Its_Track_Lost()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(20, 20))]);
        var prediction = linker.Predict(1).Single();

        var r = linker.Update(1, [Predicted(1, prediction.Box, BitMask.Empty(W, H))]);

        Assert.Equal(new int?[] { null }, r.TrackIds);
        Assert.Equal(new[] { 1 }, r.Lost);
        Assert.Empty(r.Started);
    }

    [Fact]
    public void A_Predicted_Mask_Neither_The_Segmenter_Nor_The_Appearance_Vouches_For_Marks_The_Track_Lost()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(20, 20)), Annotated(2, Box(80, 20)), Annotated(3, Box(140, 20))]);
        var p = linker.Predict(1).Select(t => t.Box).ToArray();
        var doubtful = Predicted(1, p[0], BitMask.FromBox(p[0], W, H)) with { PredictedIoU = 0.3, AppearanceScore = 0.2 };
        var seen = Predicted(2, p[1], BitMask.FromBox(p[1], W, H)) with { PredictedIoU = 0.3, AppearanceScore = 0.9 };
        var unmatched = Predicted(3, p[2], BitMask.FromBox(p[2], W, H)) with { PredictedIoU = 0.3 }; // no appearance measured: no verdict

        var r = linker.Update(1, [doubtful, seen, unmatched]);

        Assert.Equal(new int?[] { null, 2, 3 }, r.TrackIds);
        Assert.Equal(new[] { 1 }, r.Lost);
        // Still prompted while lost, and re-acquired by a mask that passes.
        var again = linker.Predict(2).Single(p => p.TrackId == 1).Box;
        var back = linker.Update(2, [Predicted(1, again, BitMask.FromBox(again, W, H)) with { PredictedIoU = 0.8 }]);
        Assert.Equal(new[] { 1 }, back.Refound);
    }

    [Fact]
    public void A_Mask_That_Grows_From_A_Predicted_Prompt_Cannot_Grow_The_Track_Beyond_Its_Size_Bound()
    {
        // A segmenter that returns the whole prompt box plus a 4 px margin would double the box every few frames.
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(90, 50, 10, 10))]);
        for (int t = 1; t <= 30; t++)
        {
            var p = linker.Predict(t).Single().Box;
            var grown = new BoxXyxy(p.X0 - 4, p.Y0 - 4, p.X1 + 4, p.Y1 + 4);
            linker.Update(t, [Predicted(1, p, BitMask.FromBox(grown, W, H))]);
        }

        var box = linker.Find(1)!.PredictedBox;
        Assert.True(box.Width <= 15.5 && box.Height <= 15.5, $"box grew to {box}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_Object_Entering_At_The_Edge_Grows_No_Larger_Than_Its_Class_Has_Shown(bool anotherCarInView)
    {
        // A 12 px car drives in from the left edge at 2 px a frame, first seen as a 1 px sliver, and
        // is prompted from its prediction for 20 frames by a segmenter whose mask leaks along the
        // road: from the edge (or the car's rear) to 8 px past its front, within the prompt.
        // A 12 x 6 px car annotated wholly in view bounds it to 1.25 x 12 px, and the box follows
        // the car; alone, only the per-frame reach bounds it, and the leak grows it.
        var linker = new MaskTrackLinker();
        linker.Update(0, anotherCarInView ? [Annotated(1, Box(0, 60, 1, 6)), Annotated(2, Box(100, 20, 12, 6))] : [Annotated(1, Box(0, 60, 1, 6))]);
        const int frames = 20;
        for (int t = 1; t <= frames; t++)
        {
            var p = linker.Predict(t).Single(x => x.TrackId == 1).Box;
            double front = 1 + 2 * t, rear = Math.Max(0, front - 12);
            var leak = new BoxXyxy(rear, 60, Math.Max(front, Math.Min(front + 8, p.X1)), 66);
            linker.Update(t, [Predicted(1, p, BitMask.FromBox(leak, W, H))]);
        }

        var car = linker.Find(1)!.Kalman;
        if (anotherCarInView)
        {
            Assert.True(car.Width <= 12 * LinkerOptions.Default.ClassSizeSlack + 0.5, $"width {car.Width:0.0}");
            Assert.InRange(car.CenterX, 1 + 2 * frames - 6 - 4, 1 + 2 * frames - 6 + 8); // the car's centre, at most the leak ahead
        }
        else Assert.True(car.Width > 20, $"width {car.Width:0.0}: without a class span the leak should have grown it");
    }

    [Fact]
    public void The_Memory_Of_A_Mask_Is_Handed_To_The_Next_Prediction()
    {
        var linker = new MaskTrackLinker();
        var logits = new MaskLogits([1, 2, 3, 4], 2, new PixelRect(15, 15, 20, 20));
        linker.Update(0, [Annotated(1, Box(20, 20)) with { Memory = logits }]);

        Assert.Same(logits, linker.Predict(1).Single().Memory);
    }

    [Fact]
    public void Predicting_A_Frame_Twice_Changes_Nothing_And_Frames_Cannot_Go_Back()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(20, 20))]);
        linker.Update(1, [Annotated(1, Box(24, 20))]);

        var once = linker.Predict(2).Single().Box;
        var twice = linker.Predict(2).Single().Box;

        Assert.Equal(once, twice);
        Assert.Throws<ArgumentOutOfRangeException>(() => linker.Predict(1));
    }

    [Fact]
    public void An_Annotated_Box_Given_Later_Is_A_Hard_Reset_Of_A_Lost_Track_That_Drifted()
    {
        var linker = new MaskTrackLinker();
        linker.Update(0, [Annotated(1, Box(20, 20))]);
        // Propagated: its mask drifts 2 px a frame to the left of the object, then nothing is found.
        for (int f = 1; f <= 4; f++)
        {
            var p = linker.Predict(f).Single().Box;
            linker.Update(f, [Predicted(1, p, BitMask.FromBox(Box(p.X0 - 2, 20), W, H))]);
        }
        var lost = linker.Update(5, [Predicted(1, linker.Predict(5).Single().Box, BitMask.Empty(W, H))]);
        Assert.Equal(new[] { 1 }, lost.Lost);

        // The user's box, 14 px right of where the track believes it is.
        var given = Box(30, 22, 12, 9);
        var r = linker.Update(6, [Annotated(1, given)]);

        var t = linker.Find(1)!;
        Assert.Equal(new[] { 1 }, r.Refound);
        Assert.Equal(TrackState.Confirmed, t.State);
        Assert.Equal(given, t.PredictedBox);
        var fresh = new KalmanBoxFilter().Initiate(given);
        for (int i = 0; i < 4; i++) Assert.Equal(fresh.Covariance[i, i], t.Kalman.Covariance[i, i], 9);
        Assert.Equal(0, t.Kalman.Covariance[0, 4], 9);
    }
}
