using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Segment;

/// <summary>One frame's journey without a video: in-memory frames, the box segmenter, a journal on disk.</summary>
public class FrameSegmenterTests
{
    private const int W = 64, H = 48;

    private static Frame Blank(int index) => new(index, W, H, new byte[W * H * 3]);

    // Object 1 annotated on frame 0 only; object 2 on frames 0 and 1.
    private static BoxAnnotations Boxes() => new("boxes.txt", BoxFileFormat.Mot,
    [
        new AnnotatedBox(0, 1, ObjectClass.Car, new BoxXyxy(10, 10, 18, 16), 1),
        new AnnotatedBox(0, 2, ObjectClass.Car, new BoxXyxy(40, 30, 48, 36), 2),
        new AnnotatedBox(1, 2, ObjectClass.Car, new BoxXyxy(41, 30, 49, 36), 3),
    ]);

    private static FrameSegmenter Create(string folder, BoxSchedule schedule, IReadOnlyDictionary<int, IReadOnlyList<SegmentedObject>>? backward = null, bool forward = true)
    {
        var plan = new PromptPlan(Boxes(), W, H);
        var prompter = new TrackedPromptSource(plan, schedule, ignoreIds: false, W, H);
        var journal = SegmentJournal.Open(folder, "test", resume: true);
        var segmenter = SegmenterFactory.Create("box", null);
        return new FrameSegmenter(prompter, null, journal, () => segmenter, backward ?? new Dictionary<int, IReadOnlyList<SegmentedObject>>(), forward, new StageTimer());
    }

    [Fact]
    public void An_Object_Without_A_Box_Is_Prompted_From_Its_Track_And_Keeps_Its_Id()
    {
        using var dir = new TempDir();
        var frames = Create(dir.Path, BoxSchedule.AsGiven);

        var first = frames.Process(Blank(0), CancellationToken.None);
        var second = frames.Process(Blank(1), CancellationToken.None);

        Assert.Equal([1, 2], first.Objects.Select(o => o.TrackId));
        // Frame 1 has a box for object 2 only; object 1's track is predicted where it stood (no motion yet).
        var one = second.Objects.Single(o => o.TrackId == 1);
        Assert.Equal(PromptSource.Predicted, one.Prompt.Source);
        Assert.Equal(new BoxXyxy(10, 10, 18, 16).CenterX, one.Mask.TightRect().ToBox().CenterX, 6);
        Assert.Equal(PromptSource.Annotated, second.Objects.Single(o => o.TrackId == 2).Prompt.Source);
    }

    [Fact]
    public void A_Frame_Segmented_Before_An_Interruption_Is_Replayed_From_The_Journal()
    {
        using var dir = new TempDir();
        var before = Create(dir.Path, BoxSchedule.All).Process(Blank(0), CancellationToken.None);

        var again = Create(dir.Path, BoxSchedule.All);
        var replayed = again.Process(Blank(0), CancellationToken.None);

        Assert.Equal(1, again.Replayed);
        Assert.Equal(before.Objects.Select(o => o.Mask.TightRect()), replayed.Objects.Select(o => o.Mask.TightRect()));
    }

    [Fact]
    public void Backward_Only_Takes_The_Backward_Pass_Masks_And_Segments_Nothing()
    {
        using var dir = new TempDir();
        var mask = BitMask.FromBox(new BoxXyxy(20, 20, 26, 25), W, H);
        var earlier = new SegmentedObject(new ObjectPrompt(7, ObjectClass.Car, new BoxXyxy(20, 20, 26, 25)), mask, 0.9, 0.9);
        var frames = Create(dir.Path, BoxSchedule.All, new Dictionary<int, IReadOnlyList<SegmentedObject>> { [0] = [earlier] }, forward: false);

        var result = frames.Process(Blank(0), CancellationToken.None);

        Assert.Equal([7], result.Objects.Select(o => o.TrackId));
        Assert.Empty(frames.Process(Blank(1), CancellationToken.None).Objects);
    }
}
