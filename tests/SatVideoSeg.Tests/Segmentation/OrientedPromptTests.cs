using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Segmentation.Prompts;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;
using Xunit.Abstractions;

namespace SatVideoSeg.Tests.Segmentation;

/// <summary>OrientedPromptBuilder: (a) enclosing box, (b) enclosing box plus points; and both through the shipped model.</summary>
public class OrientedPromptTests(ITestOutputHelper output)
{
    /// <summary>The pixels whose centres lie in <paramref name="box"/>, as a mask of a width x height frame.</summary>
    public static BitMask Rasterise(OrientedBox box, int width, int height)
    {
        var full = new byte[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (box.Contains(x + 0.5, y + 0.5)) full[y * width + x] = 1;
        return BitMask.FromFullFrame(full, width, height);
    }

    [Fact]
    public void Enclosing_Prompt_Is_The_Enclosing_Box_With_No_Points()
    {
        var obb = new OrientedBox(50, 50, 20, 4, Math.PI / 4);

        var p = OrientedPromptBuilder.Build(7, ObjectClass.Car, obb, OrientedPromptMode.Enclosing);

        Assert.Equal(obb.EnclosingBox(), p.Box);
        Assert.Equal(obb, p.Oriented);
        Assert.Equal(7, p.TrackId);
        Assert.Empty(p.PositivePoints);
        Assert.Empty(p.NegativePoints);
    }

    [Fact]
    public void Points_Prompt_Puts_Three_Positives_At_Quarter_Half_And_Three_Quarters_Of_The_Major_Axis()
    {
        var obb = new OrientedBox(50, 50, 20, 4, 0);

        var p = OrientedPromptBuilder.Build(1, ObjectClass.Car, obb, OrientedPromptMode.Points);

        Assert.Equal([(45.0, 50.0), (50.0, 50.0), (55.0, 50.0)], p.PositivePoints);
    }

    [Fact]
    public void Thin_Box_At_45_Degrees_Gets_A_Negative_At_Every_Enclosing_Corner()
    {
        // Enclosing half extent (10 + 2) / sqrt 2 = 8.49; inset corners (±7.49, ±7.49) lie 10.59 px
        // along the heading (past the 10 px half width) or 10.59 px across it (past 2).
        var obb = new OrientedBox(50, 50, 20, 4, Math.PI / 4);

        var negatives = OrientedPromptBuilder.Negatives(obb);

        Assert.Equal(4, negatives.Count);
        Assert.All(negatives, n => Assert.False(obb.Contains(n.X, n.Y)));
        double e = 12 * Math.Sqrt(0.5) - 1;
        Assert.Equal(50 - e, negatives[0].X, 9);
        Assert.Equal(50 - e, negatives[0].Y, 9);
    }

    [Fact]
    public void Very_Thin_Box_At_45_Degrees_Drops_The_Corners_The_Inset_Moves_Onto_The_Object()
    {
        // Height 2: the corners on the heading's diagonal lie (10 + 1) px along it; 1 px inset in x and y
        // brings them back 1.41 px, to 9.59 < 10, inside the object. A negative there would be wrong.
        var obb = new OrientedBox(50, 50, 20, 2, Math.PI / 4);

        var negatives = OrientedPromptBuilder.Negatives(obb);

        Assert.Equal(2, negatives.Count);
        Assert.All(negatives, n => Assert.False(obb.Contains(n.X, n.Y)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(Math.PI / 2)]
    public void Axis_Aligned_Box_Gets_No_Negatives(double angle)
    {
        var obb = new OrientedBox(50, 50, 20, 4, angle);

        Assert.Empty(OrientedPromptBuilder.Negatives(obb));
    }

    [SamModelFact]
    public void Points_Prompt_On_Rotated_Thin_Rectangles_Is_Not_Worse_Than_The_Enclosing_Box()
    {
        using var model = SamModel.Load(SamModelFactAttribute.Folder);
        using var segmenter = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest), ownsModel: false);
        double sumA = 0, sumB = 0;
        int n = 0;
        foreach (double degrees in new[] { 20.0, 35, 45, 60, 120, 150 })
        {
            var obb = new OrientedBox(48, 48, 28, 7, degrees * Math.PI / 180);
            var (frame, truth) = Scene(obb);
            double a = MaskIoU.Compute(segmenter.Segment(frame, [OrientedPromptBuilder.Build(1, ObjectClass.Car, obb, OrientedPromptMode.Enclosing)])[0].Mask, truth);
            double b = MaskIoU.Compute(segmenter.Segment(frame, [OrientedPromptBuilder.Build(1, ObjectClass.Car, obb, OrientedPromptMode.Points)])[0].Mask, truth);
            output.WriteLine($"{degrees,5} deg: (a) enclosing IoU {a:0.000}  (b) points IoU {b:0.000}");
            sumA += a; sumB += b; n++;
        }
        output.WriteLine($"mean: (a) {sumA / n:0.000}  (b) {sumB / n:0.000}");
        // Measured 0.855 vs 0.843 on these 28 x 7 px rectangles; small objects differ (README).
        Assert.True(sumB / n >= sumA / n - 0.02, $"(b) mean IoU {sumB / n:0.000} is worse than (a) {sumA / n:0.000}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(30.0)]
    [InlineData(45.0)]
    [InlineData(-70.0)]
    public void Rotated_Crop_Of_A_Box_Filler_Maps_The_Filled_Box_Back_Onto_The_Oriented_Box(double degrees)
    {
        // The box baseline fills the prompt box; in the rotated patch that box is the oriented box
        // made axis-aligned, so after the inverse warp the mask must be the oriented box again.
        var obb = new OrientedBox(40.3, 37.8, 30, 8, degrees * Math.PI / 180);
        var (frame, truth) = Scene(obb);
        using var rotated = new RotatedCropSegmenter(new SatVideoSeg.Segmentation.Baselines.BoxSegmenter());

        var mask = rotated.Segment(frame, [OrientedPromptBuilder.Build(1, ObjectClass.Car, obb, OrientedPromptMode.Enclosing)])[0].Mask;

        Assert.True(MaskIoU.Compute(mask, truth) > 0.9, $"IoU {MaskIoU.Compute(mask, truth):0.000}");
    }

    [SamModelFact]
    public void Rotated_Crop_On_Rotated_Thin_Rectangles_Beats_The_Enclosing_Box()
    {
        // v1, the model this was measured with: it fills a loose box, so the tight box of the rotated
        // patch helps it. v3 (the default since 2026-12-04) segments the enclosing box well already
        // (mean 0.956, rotated 0.939 here), so with it the rotation gains nothing on this scene.
        using var model = SamModel.Load(Path.Combine(RepoPaths.Root, "models", "sat-unet-v1"));
        using var segmenter = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest), ownsModel: false);
        using var rotated = new RotatedCropSegmenter(segmenter, ownsInner: false);
        double sumA = 0, sumC = 0;
        int n = 0;
        foreach (double degrees in new[] { 20.0, 35, 45, 60, 120, 150 })
        {
            var obb = new OrientedBox(48, 48, 28, 7, degrees * Math.PI / 180);
            var (frame, truth) = Scene(obb);
            var prompt = OrientedPromptBuilder.Build(1, ObjectClass.Car, obb, OrientedPromptMode.Enclosing);
            double a = MaskIoU.Compute(segmenter.Segment(frame, [prompt])[0].Mask, truth);
            double c = MaskIoU.Compute(rotated.Segment(frame, [prompt])[0].Mask, truth);
            output.WriteLine($"{degrees,5} deg: (a) enclosing IoU {a:0.000}  (c) rotated IoU {c:0.000}");
            sumA += a; sumC += c; n++;
        }
        output.WriteLine($"mean: (a) {sumA / n:0.000}  (c) {sumC / n:0.000}");
        // Measured 0.895 vs 0.843: in the rotated patch the box is tight, as in training.
        Assert.True(sumC / n >= sumA / n + 0.03, $"(c) mean IoU {sumC / n:0.000} is not clearly above (a) {sumA / n:0.000}");
    }

    /// <summary>A dark textured 96x96 frame with one bright filled oriented rectangle, and its exact mask.</summary>
    private static (Frame Frame, BitMask Truth) Scene(OrientedBox obb)
    {
        const int size = 96;
        var truth = Rasterise(obb, size, size);
        var pixels = new byte[size * size * 3];
        var rng = new Random(99);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(40 + rng.Next(20));
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (truth[x, y])
                    pixels[(y * size + x) * 3] = pixels[(y * size + x) * 3 + 1] = pixels[(y * size + x) * 3 + 2] = 215;
        return (new Frame(0, size, size, pixels), truth);
    }
}
