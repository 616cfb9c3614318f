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
        Assert.All(result, r => Assert.InRange(r.PredictedIoU, 0, 1.5));
    }

    [Fact]
    public void On_The_Synthetic_Sample_The_Shipped_Model_Reaches_Its_Model_Card_Figure()
    {
        // MODEL_CARD.md: mean IoU 0.762 over all 1284 object-frames of videos/synth-sample with
        // tight boxes (box baseline 0.636). Here: its first 10 frames, with 0.03 of slack for the subset.
        var sample = SatVideoSeg.Pipeline.Bench.BenchSamples.Video("synth-sample",
            Path.Combine(RepoPaths.Root, "videos", "synth-sample", "video.mp4"), Path.Combine(RepoPaths.Root, "videos", "synth-sample", "gt.mots.txt"));
        using var model = SamModel.Load(ModelFolder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest), ownsModel: false);
        var first10 = sample with { Frames = sample.Frames.Take(10).ToList() };

        var result = SatVideoSeg.Pipeline.Bench.SegmentBench.Run(sam, first10);

        Assert.True(result.MeanIoU >= 0.762 - 0.03, $"mean IoU {result.MeanIoU:0.000} on the first 10 frames");
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
