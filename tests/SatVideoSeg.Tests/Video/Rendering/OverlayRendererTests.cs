using System.Security.Cryptography;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Video.Rendering;

public class OverlayRendererTests
{
    private static readonly OverlayStyle Everything = OverlayStyle.Default with { PromptBoxes = true, TrailLength = 6, Insets = true, InsetSize = 40 };

    private static string[] RenderAll(Func<OverlayRenderer> create)
    {
        var renderer = create();
        return RenderTestData.Sequence(8).Select(s => Convert.ToHexString(SHA256.HashData(renderer.Render(s.Frame, s.Detections).Pixels))).ToArray();
    }

    [Fact]
    public void Rendering_The_Same_Frames_Twice_Gives_Byte_Identical_Frames()
    {
        var first = RenderAll(() => new OverlayRenderer(Everything, 10));
        var second = RenderAll(() => new OverlayRenderer(Everything, 10));

        Assert.Equal(first, second);
        Assert.Equal(first.Length, first.Distinct().Count());
    }

    [Fact]
    public void The_Compare_View_Is_Deterministic_Too()
    {
        string[] Run()
        {
            var compare = new CompareRenderer(Everything, CompareMode.Both, 10);
            return RenderTestData.Sequence(5).Select(s =>
            {
                var shifted = new FrameDetections(s.Detections.FrameIndex, 200, 150, s.Detections.Objects.Skip(1).ToArray());
                return Convert.ToHexString(SHA256.HashData(compare.Render(s.Frame, s.Detections, shifted).Pixels));
            }).ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Rendering_Leaves_The_Input_Frame_Untouched()
    {
        var (frame, detections) = RenderTestData.Sequence(1).Single();
        var before = (byte[])frame.Pixels.Clone();

        new OverlayRenderer(Everything).Render(frame, detections);

        Assert.Equal(before, frame.Pixels);
    }

    [Fact]
    public void Contours_Only_Colours_The_Outline_And_Leaves_The_Interior_As_It_Was()
    {
        var frame = RenderTestData.Grey(0, 60, 40);
        var rect = new PixelRect(20, 10, 12, 8);
        var o = RenderTestData.Box(3, ObjectClass.Ship, rect, 60, 40);
        var style = new OverlayStyle(FillOpacity: 0, Contours: true, Labels: false, PromptBoxes: false, FrameCounter: false);

        var drawn = new OverlayRenderer(style).Render(frame, new FrameDetections(0, 60, 40, [o]));

        var colour = TrackColors.For(3);
        int outline = 0, untouched = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
            {
                int p = (y * 60 + x) * 3;
                var px = (drawn.Pixels[p], drawn.Pixels[p + 1], drawn.Pixels[p + 2]);
                if (px == colour) outline++;
                else if (px == ((byte)100, (byte)100, (byte)100)) untouched++;
            }
        Assert.Equal(2 * 12 + 2 * 8 - 4, outline);
        Assert.Equal(10 * 6, untouched);
    }

    [Fact]
    public void The_Frame_Counter_Shows_The_One_Based_Frame_And_The_Timestamp()
    {
        Assert.Equal("frame 1", FrameInfoAnnotator.Text(0, 0));
        Assert.Equal("frame 26  00:02.50", FrameInfoAnnotator.Text(25, 10));
        Assert.Equal("frame 1801  01:00.00", FrameInfoAnnotator.Text(1800, 30));
    }

    // TrackColors' documented rule, worked by hand (not by calling it): hue = id * 137.508 mod 360,
    // saturation 0.85, value 1.0 for even ids and 0.85 for odd ones, HSV -> RGB rounded to bytes.
    // Track 7: hue 962.556 mod 360 = 242.556 (sector 4, blue), v 0.85: chroma 0.7225, m 0.1275,
    //   B = 0.85 * 255 = 216.75 -> 217, G = m * 255 = 32.51 -> 33, R = (m + 0.7225 * 0.0426) * 255 = 40.36 -> 40.
    // Track 12: hue 1650.096 mod 360 = 210.096 (sector 3), v 1.0: chroma 0.85, m 0.15,
    //   B = 255, G = (0.15 + 0.85 * 0.4984) * 255 = 146.28 -> 146, R = 0.15 * 255 = 38.25 -> 38.
    private static readonly (byte B, byte G, byte R) Track7 = (217, 33, 40);
    private static readonly (byte B, byte G, byte R) Track12 = (255, 146, 38);

    [Fact]
    public void A_Track_Keeps_Its_Colour_Whatever_Else_Is_In_The_Frame()
    {
        var style = new OverlayStyle(FillOpacity: 1, Contours: false, Labels: false, PromptBoxes: false, FrameCounter: false);
        var seven = new PixelRect(5, 5, 10, 8);
        var twelve = new PixelRect(5, 25, 10, 8);
        var alone = new[] { RenderTestData.Box(7, ObjectClass.Ship, seven, 60, 40) };
        // Track 7 comes third here, after tracks of other classes, so a colour taken from the
        // object's position or class instead of its id shows up.
        var crowded = new[]
        {
            RenderTestData.Box(3, ObjectClass.Airplane, new PixelRect(30, 5, 10, 8), 60, 40),
            RenderTestData.Box(12, ObjectClass.Car, twelve, 60, 40),
            RenderTestData.Box(7, ObjectClass.Ship, seven, 60, 40),
        };

        var first = new OverlayRenderer(style).Render(RenderTestData.Grey(0, 60, 40), new FrameDetections(0, 60, 40, alone));
        var second = new OverlayRenderer(style).Render(RenderTestData.Grey(0, 60, 40), new FrameDetections(0, 60, 40, crowded));

        for (int y = seven.Y; y < seven.Bottom; y++)
            for (int x = seven.X; x < seven.Right; x++)
            {
                Assert.Equal(Track7, Pixel(first.Pixels, 60, x, y));
                Assert.Equal(Track7, Pixel(second.Pixels, 60, x, y));
            }
        Assert.Equal(Track12, Pixel(second.Pixels, 60, twelve.X + 5, twelve.Y + 4));
    }

    private static (byte B, byte G, byte R) Pixel(byte[] pixels, int width, int x, int y)
    {
        int p = (y * width + x) * 3;
        return (pixels[p], pixels[p + 1], pixels[p + 2]);
    }

    [Fact]
    public void Insets_Zoom_Small_Objects_Into_The_Bottom_Right_Corner()
    {
        var frame = RenderTestData.Grey(0, 200, 150);
        var tiny = RenderTestData.Box(5, ObjectClass.Car, new PixelRect(30, 30, 4, 3), 200, 150);
        var style = new OverlayStyle(FillOpacity: 1, Contours: false, Labels: false, PromptBoxes: false, FrameCounter: false) { Insets = true, InsetSize = 48 };

        var drawn = new OverlayRenderer(style).Render(frame, new FrameDetections(0, 200, 150, [tiny]));

        // The inset's centre shows the object's fill colour, enlarged.
        int cx = 200 - 4 - 24, cy = 150 - 4 - 24;
        int p = (cy * 200 + cx) * 3;
        Assert.Equal(TrackColors.For(5), (drawn.Pixels[p], drawn.Pixels[p + 1], drawn.Pixels[p + 2]));
    }
}
