using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>The shipped model (models/sat-unet, real ONNX files) segmenting the crops of several frames in shared calls.</summary>
public class CrossFrameBatchingTests
{
    private static string ModelFolder => Path.Combine(RepoPaths.Root, "models", "sat-unet");

    // Five frames of four ellipses each, moving a little from frame to frame (each frame's crops differ).
    private static PromptedFrame[] Frames() =>
    [
        .. Enumerable.Range(0, 5).Select(k =>
        {
            var (frame, masks) = TestFrames.Ellipses(k, 160, 120, (30 + k, 30, 14, 7), (90, 60 + k, 6, 4), (150 - k, 110, 12, 9), (60, 100 - k, 4, 3));
            return new PromptedFrame(frame, [.. masks.Select((m, i) => new ObjectPrompt(i + 1, ObjectClass.Car, m.TightRect().ToBox()))]);
        }),
    ];

    // Reads frames from a list, counting how many have been read.
    private sealed class CountingFrames(IReadOnlyList<PromptedFrame> frames)
    {
        public int Read { get; private set; }

        public IEnumerable<PromptedFrame> Enumerate()
        {
            foreach (var f in frames)
            {
                Read++;
                yield return f;
            }
        }
    }

    [Fact]
    public void Crops_Of_Several_Frames_Share_Calls_And_Give_The_Masks_Of_One_Frame_At_A_Time()
    {
        var frames = Frames();
        using var model = SamModel.Load(ModelFolder);
        var defaults = SamOptions.FromManifest(model.Manifest);
        using var across = new SamSegmenter(model, defaults with { BatchSize = 16 }, ownsModel: false);
        using var single = new SamSegmenter(model, defaults with { BatchSize = 1 }, ownsModel: false);

        var batched = across.SegmentFrames(frames, LookAhead.Default).ToList();

        Assert.True(across.BatchesAcrossFrames);
        // 20 crops: one call of 16 (frames 1-4) and one of 4 (frame 5), not five calls of 4.
        Assert.Equal(2, across.Calls.Calls);
        Assert.Equal(16, across.Calls.Largest);
        Assert.Equal(frames.Select(f => f.Frame.Index), batched.Select(b => b.Input.Frame.Index));
        foreach (var (input, objects) in batched)
        {
            var alone = single.Segment(input.Frame, input.Prompts);
            Assert.Equal(alone.Count, objects.Count);
            for (int i = 0; i < alone.Count; i++)
            {
                Assert.Same(input.Prompts[i], objects[i].Prompt);
                Assert.Equal(alone[i].Mask.Rect, objects[i].Mask.Rect);
                Assert.Equal(alone[i].Mask.Data, objects[i].Mask.Data);
                Assert.Equal(alone[i].PredictedIoU, objects[i].PredictedIoU, 5);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void No_More_Frames_Are_Held_Than_The_Look_Ahead_Allows(int maxFrames)
    {
        var frames = new CountingFrames(Frames());
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest) with { BatchSize = 16 }, ownsModel: false);

        int returned = 0, mostHeld = 0;
        foreach (var _ in sam.SegmentFrames(frames.Enumerate(), new LookAhead(maxFrames, long.MaxValue)))
        {
            mostHeld = Math.Max(mostHeld, frames.Read - returned);
            returned++;
        }

        Assert.Equal(5, returned);
        Assert.Equal(maxFrames, mostHeld);
        // Held frames cap the calls: at most maxFrames frames of 4 crops each.
        Assert.Equal(4 * maxFrames, sam.Calls.Largest);
    }

    [Fact]
    public void A_Pixel_Budget_Smaller_Than_A_Frame_Holds_One_Frame_At_A_Time()
    {
        var frames = new CountingFrames(Frames());
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest) with { BatchSize = 16 }, ownsModel: false);

        int returned = 0;
        foreach (var _ in sam.SegmentFrames(frames.Enumerate(), new LookAhead(32, MaxBytes: 1)))
        {
            Assert.Equal(returned + 1, frames.Read);
            returned++;
        }

        Assert.Equal(5, sam.Calls.Calls);
    }

    [Fact]
    public void Whole_Frame_Mode_And_Negative_Points_Segment_Frame_By_Frame()
    {
        using var model = SamModel.Load(ModelFolder);
        var defaults = SamOptions.FromManifest(model.Manifest);

        Assert.False(new SamSegmenter(model, defaults with { WholeFrame = true }, ownsModel: false).BatchesAcrossFrames);
        Assert.False(new SamSegmenter(model, defaults with { NegativePoints = true }, ownsModel: false).BatchesAcrossFrames);
        // Feedback reads each track's previous mask for its annotated prompts too: those depend on the frame before.
        Assert.False(new SamSegmenter(model, defaults with { MaskFeedback = true }, ownsModel: false).BatchesAcrossFrames);
    }
}
