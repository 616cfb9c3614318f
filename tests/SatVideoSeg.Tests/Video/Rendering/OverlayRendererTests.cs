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

    [Fact]
    public void A_Track_Keeps_Its_Colour_Whatever_Else_Is_In_The_Frame()
    {
        Assert.Equal(TrackColors.For(7), TrackColors.For(7));
        Assert.NotEqual(TrackColors.For(7), TrackColors.For(8));
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
