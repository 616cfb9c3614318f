using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>Runs the shipped model (models/sat-unet, real ONNX files) through ONNX Runtime.</summary>
public class SamSegmenterTests
{
    private static string ModelFolder => Path.Combine(RepoPaths.Root, "models", "sat-unet");

    private static (SatVideoSeg.Core.Imaging.Frame Frame, ObjectPrompt[] Prompts, SatVideoSeg.Core.Masks.BitMask[] Truth) Scene()
    {
        var (frame, masks) = TestFrames.Ellipses(0, 160, 120, (30, 30, 14, 7), (90, 60, 6, 4), (150, 110, 12, 9), (60, 100, 4, 3));
        var prompts = masks.Select((m, i) => new ObjectPrompt(i + 1, ObjectClass.Car, m.TightRect().ToBox())).ToArray();
        return (frame, prompts, masks);
    }

    [Fact]
    public void Batched_And_One_By_One_Inference_Give_Identical_Masks()
    {
        var (frame, prompts, _) = Scene();
        using var model = SamModel.Load(ModelFolder);
        var defaults = SamOptions.FromManifest(model.Manifest);
        using var batched = new SamSegmenter(model, defaults with { BatchSize = 16 }, ownsModel: false);
        using var single = new SamSegmenter(model, defaults with { BatchSize = 1 }, ownsModel: false);

        var a = batched.Segment(frame, prompts);
        var b = single.Segment(frame, prompts);

        for (int i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(a[i].Mask.Rect, b[i].Mask.Rect);
            Assert.Equal(a[i].Mask.Data, b[i].Mask.Data);
            Assert.Equal(a[i].PredictedIoU, b[i].PredictedIoU, 4);
        }
    }

    [Fact]
    public void Crop_Mode_Segments_Bright_Ellipses_Better_Than_Their_Boxes()
    {
        var (frame, prompts, truth) = Scene();
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest), ownsModel: false);

        var result = sam.Segment(frame, prompts);

        // A sanity check on shapes the model never saw (a filled ellipse covers about pi/4 of its
        // box, 0.80 here after pixelation); the quality gate is the model-card test below.
        double box = truth.Select(t => MaskIoU.Compute(SatVideoSeg.Core.Masks.BitMask.FromBox(t.TightRect().ToBox(), 160, 120), t)).Average();
        double mean = result.Select((r, i) => MaskIoU.Compute(r.Mask, truth[i])).Average();
        Assert.True(mean > box + 0.02, $"mean IoU {mean:0.000} vs box {box:0.000}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // all four prompts in one batch: a mix-up between batch items shows here
    public void Each_Prompt_Gets_A_Mask_Of_Its_Own_Object_Pasted_Inside_Its_Crop_Window(int batchSize)
    {
        // Plumbing, whatever the model's quality: batching, crop and paste must hand prompt i the
        // mask cut from prompt i's window. The window follows model.json's pipeline, worked out
        // here from the documented rule: a square of side max(1.6 x the box's longer side, 16 px)
        // centred on the box centre, not shifted inside the frame.
        var (frame, prompts, truth) = Scene();
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest) with { BatchSize = batchSize }, ownsModel: false);

        var result = sam.Segment(frame, prompts);

        Assert.Equal(prompts.Length, result.Count);
        for (int i = 0; i < prompts.Length; i++)
        {
            var own = MaskIoU.Compute(result[i].Mask, truth[i]);
            for (int j = 0; j < truth.Length; j++)
                if (j != i) Assert.True(own > MaskIoU.Compute(result[i].Mask, truth[j]), $"prompt {i}'s mask matches object {j} better than its own");

            var box = prompts[i].Box;
            double side = Math.Max(1.6 * Math.Max(box.Width, box.Height), 16);
            double cx = (box.X0 + box.X1) / 2, cy = (box.Y0 + box.Y1) / 2;
            var rect = result[i].Mask.Rect;
            // One pixel of slack for the rounding of the window's side and origin.
            Assert.True(rect.X >= Math.Floor(cx - side / 2) - 1 && rect.Right <= Math.Ceiling(cx + side / 2) + 1
                && rect.Y >= Math.Floor(cy - side / 2) - 1 && rect.Bottom <= Math.Ceiling(cy + side / 2) + 1,
                $"prompt {i}: mask rect {rect} outside the {side:0.0} px window around ({cx:0.0}, {cy:0.0})");
        }
    }

    [Fact]
    public void On_The_Synthetic_Sample_The_Shipped_Model_Beats_Its_Prompt_Boxes_And_Reaches_Its_Model_Card_Figure()
    {
        // Measured here with Core's MaskIoU against gt.mots.txt, not through SegmentBench (which
        // printed the model card's figure), so a fault in the bench cannot vouch for itself.
        // Two bars: the tight prompt box itself, filled, measured on the same object-frames
        // (independent of any model), and MODEL_CARD.md's 0.825 over all 1284 object-frames,
        // with 0.03 of slack for this 10-frame subset.
        var sample = SatVideoSeg.Pipeline.Bench.BenchSamples.Video("synth-sample",
            Path.Combine(RepoPaths.Root, "videos", "synth-sample", "video.mp4"), Path.Combine(RepoPaths.Root, "videos", "synth-sample", "gt.mots.txt"));
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest), ownsModel: false);

        double modelSum = 0, boxSum = 0;
        int objects = 0;
        foreach (var bench in sample.Frames.Take(10))
        {
            var truth = bench.Objects.Select(o => o.Mask).ToArray();
            var prompts = bench.Objects.Select(o => new ObjectPrompt(o.Id, o.Class, o.Mask.TightRect().ToBox())).ToArray();
            var result = sam.Segment(bench.Frame, prompts);
            for (int i = 0; i < truth.Length; i++)
            {
                modelSum += MaskIoU.Compute(result[i].Mask, truth[i]);
                boxSum += MaskIoU.Compute(SatVideoSeg.Core.Masks.BitMask.FromBox(prompts[i].Box, bench.Frame.Width, bench.Frame.Height), truth[i]);
                objects++;
            }
        }
        double mean = modelSum / objects, box = boxSum / objects;

        Assert.True(objects > 100, $"only {objects} object-frames in the first 10 frames");
        Assert.True(mean > box + 0.05, $"mean IoU {mean:0.000} vs the prompt boxes' {box:0.000}");
        Assert.True(mean >= 0.825 - 0.03, $"mean IoU {mean:0.000} on the first 10 frames (prompt boxes {box:0.000})");
    }

    [Fact]
    public void Masks_Of_Objects_At_Every_Frame_Border_Stay_Inside_The_Frame()
    {
        var (frame, masks) = TestFrames.Ellipses(0, 64, 48, (3, 3, 6, 4), (61, 3, 6, 4), (3, 45, 6, 4), (61, 45, 6, 4));
        var prompts = masks.Select((m, i) => new ObjectPrompt(i + 1, ObjectClass.Car, m.TightRect().ToBox())).ToArray();
        using var model = SamModel.Load(ModelFolder);
        var defaults = SamOptions.FromManifest(model.Manifest);

        foreach (bool shift in new[] { true, false })
        {
            using var sam = new SamSegmenter(model, defaults with { Crop = defaults.Crop with { ShiftInside = shift } }, ownsModel: false);
            var result = sam.Segment(frame, prompts);
            for (int i = 0; i < masks.Length; i++)
                Assert.True(MaskIoU.Compute(result[i].Mask, masks[i]) > 0.5, $"shift={shift}, object {i}: IoU {MaskIoU.Compute(result[i].Mask, masks[i]):0.000}");
        }
    }

    [Fact]
    public void Whole_Frame_Mode_Encodes_Once_And_Returns_A_Mask_Per_Prompt()
    {
        var (frame, prompts, _) = Scene();
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest) with { WholeFrame = true }, ownsModel: false);

        var result = sam.Segment(frame, prompts);

        Assert.Equal(prompts.Length, result.Count);
        Assert.All(result, r => Assert.Equal((160, 120), (r.Mask.FrameWidth, r.Mask.FrameHeight)));
    }
}
