using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Tracking;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Metrics;

public class JandFTests
{
    private const int Precision = 9;
    private const int W = 20, H = 20; // radius ceil(0.008 * 28.3) = 1

    private static TrackedMask Block(int id, int x, int y) => new(id, TestFrames.FromArt(W, H, x, y, "##", "##"));

    private static TrackedMask EmptyMask(int id) => new(id, BitMask.Empty(W, H));

    // Six frames; with the first and last skipped the evaluated frames are 1..4 (k = 0..3).
    // db_statistics bins: round(linspace(1, 4, 5) + 1e-10) - 1 = round([1, 1.75, 2.5, 3.25, 4]) - 1
    // = [0, 1, 2, 2, 3]: first bin k 0..1, last bin k 2..3.
    // gt 1: 2x2 block at (2,2) in every frame; prediction 1 exact in frames 1-2, absent in 3-4:
    //   J = F = [1, 1, 0, 0]: Mean 0.5, Recall 0.5, Decay 1 - 0 = 1.
    // gt 2: block at (10,2) in frame 1 only, never predicted; absent-vs-absent scores 1:
    //   J = F = [0, 1, 1, 1]: Mean 0.75, Recall 0.75, Decay 0.5 - 1 = -0.5.
    // prediction 3: a false positive block at (15,15) in frames 1-3 (ignored when pairing by id).
    // Frames 0 and 5 hold garbage that must not count.
    private static JandFAccumulator Sequence(JandFMatching matching)
    {
        var acc = new JandFAccumulator(6, W, H, new JandFOptions { Matching = matching });
        acc.Add(0, [Block(1, 2, 2)], [Block(1, 12, 12)]);
        acc.Add(1, [Block(1, 2, 2), Block(2, 10, 2)], [Block(1, 2, 2), Block(3, 15, 15)]);
        acc.Add(2, [Block(1, 2, 2)], [Block(1, 2, 2), Block(3, 15, 15)]);
        acc.Add(3, [Block(1, 2, 2)], [Block(3, 15, 15)]);
        acc.Add(4, [Block(1, 2, 2)], []);
        acc.Add(5, [Block(1, 2, 2)], [Block(1, 12, 12)]);
        return acc;
    }

    [Fact]
    public void Pairing_By_Id_Gives_Mean_Recall_And_Decay_Over_The_Inner_Frames()
    {
        var r = Sequence(JandFMatching.ById).Compute();

        Assert.Equal(2, r.NumGtTracks);
        Assert.Equal((0.5 + 0.75) / 2, r.JMean, Precision);
        Assert.Equal((0.5 + 0.75) / 2, r.JRecall, Precision);
        Assert.Equal((1 - 0.5) / 2, r.JDecay, Precision);
        Assert.Equal(r.JMean, r.FMean, Precision);
        Assert.Equal(r.JDecay, r.FDecay, Precision);
        Assert.Equal(0.625, r.JandF, Precision);
        Assert.Null(r.Objects[2].MatchedTrackId);
    }

    [Fact]
    public void Hungarian_Pairing_Gives_An_Unmatched_Annotation_The_Best_Remaining_Prediction()
    {
        // Candidates (mean of (J+F)/2 over k = 0..3): gt1-p1 0.5; gt1-p3 0 (both present and far apart,
        // J = F = 0, in k 0..2; k 3: p3 present, gt1 present -> 0); gt2-p1: [0, 0, 1, 1] = 0.5;
        // gt2-p3: [0, 0, 0, 1] = 0.25. {gt1-p1, gt2-p3} = 0.75 beats {gt1-p3, gt2-p1} = 0.5.
        // gt2 then scores J = F = [0, 0, 0, 1]: Mean 0.25, Recall 0.25, Decay 0 - 0.5.
        var r = Sequence(JandFMatching.HungarianJandF).Compute();

        Assert.Equal(3, r.Objects[2].MatchedTrackId);
        Assert.Equal((0.5 + 0.25) / 2, r.JMean, Precision);
        Assert.Equal((1 + -0.5) / 2, r.JDecay, Precision);
    }

    public static TheoryData<string, TrackedMask[], TrackedMask[], double, double> EmptyCases() => new()
    {
        // case, annotation, prediction, J, F
        { "annotation listed empty, no prediction", [EmptyMask(1)], [], 1, 1 },
        { "both listed empty", [EmptyMask(1)], [EmptyMask(1)], 1, 1 },
        { "annotation present, prediction missing", [Block(1, 2, 2)], [], 0, 0 },
        { "annotation present, prediction listed empty", [Block(1, 2, 2)], [EmptyMask(1)], 0, 0 },
        { "annotation listed empty, prediction present", [EmptyMask(1)], [Block(1, 2, 2)], 0, 0 },
        { "one pixel each, adjacent: no overlap but boundaries within 1 px", [new(1, TestFrames.FromArt(W, H, 2, 2, "#"))], [new(1, TestFrames.FromArt(W, H, 3, 2, "#"))], 0, 1 },
        // Tiny: 1 px annotation at (2,2) inside a 2x2 prediction: J = 1/4. Boundaries (radius 1): annotation
        // {(1,1),(2,1),(1,2),(2,2)}; prediction's 8 px all within 1 px of those except (3,3) (diagonal):
        // P = 7/8, R = 1, F = 2 * 7/8 / (15/8) = 14/15.
        { "tiny: 1 px annotation inside a 2x2 prediction", [new(1, TestFrames.FromArt(W, H, 2, 2, "#"))], [Block(1, 2, 2)], 0.25, 14.0 / 15 },
    };

    [Theory]
    [MemberData(nameof(EmptyCases))]
    public void Every_Empty_Mask_Case_Has_A_Defined_Score(string name, TrackedMask[] annotated, TrackedMask[] predicted, double j, double f)
    {
        var acc = new JandFAccumulator(1, W, H, new JandFOptions { SkipFirstAndLastFrame = false });
        acc.Add(0, annotated, predicted);

        var r = acc.Compute();

        Assert.True(Math.Abs(j - r.JMean) < 1e-12, $"{name}: J {r.JMean}, expected {j}");
        Assert.True(Math.Abs(f - r.FMean) < 1e-12, $"{name}: F {r.FMean}, expected {f}");
        Assert.Equal(0, r.JDecay); // one frame: every bin is that frame
    }

    [Fact]
    public void Void_Pixels_Are_Left_Out_Of_Both_Masks()
    {
        // Annotation 2x2 at (2,2); prediction 2x3 (one extra column); void covers that column: J = F = 1.
        var acc = new JandFAccumulator(1, W, H, new JandFOptions { SkipFirstAndLastFrame = false });
        var voidMask = new BitMask(W, H, new PixelRect(4, 0, 1, H), Enumerable.Repeat((byte)1, H).ToArray());
        acc.Add(0, [Block(1, 2, 2)], [new(1, TestFrames.FromArt(W, H, 2, 2, "###", "###"))], voidMask);

        var r = acc.Compute();

        Assert.Equal(1, r.JMean, Precision);
        Assert.Equal(1, r.FMean, Precision);
    }

    [Fact]
    public void No_Annotated_Object_Or_No_Evaluated_Frame_Gives_NaN()
    {
        var noObjects = new JandFAccumulator(3, W, H);
        noObjects.Add(1, [], [Block(1, 2, 2)]);
        Assert.True(double.IsNaN(noObjects.Compute().JandF));

        var twoFrames = new JandFAccumulator(2, W, H); // semi-supervised: first and last skipped, nothing left
        twoFrames.Add(0, [Block(1, 2, 2)], [Block(1, 2, 2)]);
        Assert.True(double.IsNaN(twoFrames.Compute().JMean));
    }

    [Fact]
    public void Frames_Must_Arrive_In_Order()
    {
        var acc = new JandFAccumulator(3, W, H);
        acc.Add(1, [], []);
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(1, [], []));
    }
}
