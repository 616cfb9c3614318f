using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Video.Rendering;

public class CompareRendererTests
{
    private static (byte, byte, byte) Blend((byte B, byte G, byte R) c, int alpha, byte grey) =>
        ((byte)((grey * (256 - alpha) + c.B * alpha) >> 8), (byte)((grey * (256 - alpha) + c.G * alpha) >> 8), (byte)((grey * (256 - alpha) + c.R * alpha) >> 8));

    private static FrameDetections Detections(IEnumerable<BitMask> masks, int w, int h) =>
        new(0, w, h, masks.Select((m, k) => new SegmentedObject(new ObjectPrompt(k + 1, ObjectClass.Car, m.Rect.ToBox()), m, 1, 1)).ToArray());

    [Fact]
    public void The_Difference_Colours_Count_Exactly_The_True_Positive_Missed_And_False_Pixels()
    {
        const int W = 48, H = 32;
        const byte Grey = 100;
        int alpha = (int)Math.Round(0.6 * 256);
        var tpColour = Blend(DifferenceAnnotator.TruePositiveColour, alpha, Grey);
        var fnColour = Blend(DifferenceAnnotator.FalseNegativeColour, alpha, Grey);
        var fpColour = Blend(DifferenceAnnotator.FalsePositiveColour, alpha, Grey);

        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var predicted = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => RenderTestData.RandomMask(rng, W, H)).ToArray();
            var truth = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => RenderTestData.RandomMask(rng, W, H)).ToArray();
            long tp = 0, fn = 0, fp = 0;
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    bool p = predicted.Any(m => m[x, y]), t = truth.Any(m => m[x, y]);
                    if (p && t) tp++;
                    else if (t) fn++;
                    else if (p) fp++;
                }
            using var canvas = new OverlayCanvas(RenderTestData.Grey(0, W, H, Grey));

            var counts = new DifferenceAnnotator(0.6, legend: false).Annotate(canvas, Detections(predicted, W, H), Detections(truth, W, H));

            long seenTp = 0, seenFn = 0, seenFp = 0, untouched = 0;
            for (int i = 0; i < W * H; i++)
            {
                var px = (canvas.Pixels[3 * i], canvas.Pixels[3 * i + 1], canvas.Pixels[3 * i + 2]);
                if (px == tpColour) seenTp++;
                else if (px == fnColour) seenFn++;
                else if (px == fpColour) seenFp++;
                else if (px == (Grey, Grey, Grey)) untouched++;
            }
            Assert.Equal((tp, fn, fp), (seenTp, seenFn, seenFp));
            Assert.Equal(W * H - tp - fn - fp, untouched);
            Assert.Equal((tp, fn, fp), counts);
        }, iter: 300);
    }

    [Fact]
    public void Pixel_Confusion_Ignores_Ids_And_Counts_Overlaps_Once()
    {
        // Two predicted masks overlap each other and one true mask:
        //   pred A: columns 0-3 of row 0; pred B: columns 2-5; truth: columns 3-7.
        var a = TestFrames.FromArt(8, 1, 0, 0, "####");
        var b = TestFrames.FromArt(8, 1, 2, 0, "####");
        var t = TestFrames.FromArt(8, 1, 3, 0, "#####");

        var map = PixelConfusion.Map([a, b], [t], 8, 1);

        Assert.Equal(new byte[] { 1, 1, 1, 3, 3, 3, 2, 2 }, map);
        Assert.Equal((3L, 2L, 3L), PixelConfusion.Count(map));
    }

    [Theory]
    [InlineData(CompareMode.Difference, 100)]
    [InlineData(CompareMode.SideBySide, 204)]
    [InlineData(CompareMode.Both, 308)]
    public void Side_By_Side_Panels_Widen_The_Frame_By_Whole_Panels_And_A_Separator(CompareMode mode, int width)
    {
        var compare = new CompareRenderer(OverlayStyle.Default, mode);
        var frame = RenderTestData.Grey(0, 100, 60);
        var empty = new FrameDetections(0, 100, 60, []);

        var drawn = compare.Render(frame, empty, empty);

        Assert.Equal((width, 60), (drawn.Width, drawn.Height));
        Assert.Equal(width, compare.OutputWidth(100));
    }
}
