using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class CropGeometryTests
{
    private static readonly CropPolicy FixedShift = new(false, 2, 2, 16, ShiftInside: true);
    private static readonly CropPolicy FixedPad = FixedShift with { ShiftInside = false };

    // Frame 200x100, encoder 64, fixed x2 -> 32 px windows; box 10x10 centred on (cx, cy).
    [Theory]
    [InlineData(5, 5, 0, 0, -11, -11)]        // top-left corner
    [InlineData(195, 5, 168, 0, 179, -11)]    // top-right
    [InlineData(5, 95, 0, 68, -11, 79)]       // bottom-left
    [InlineData(195, 95, 168, 68, 179, 79)]   // bottom-right
    [InlineData(100, 50, 84, 34, 84, 34)]     // interior: both policies agree
    public void Windows_Shift_Inside_Or_Reach_Past_Every_Border(double cx, double cy, int shiftX, int shiftY, int padX, int padY)
    {
        var box = new BoxXyxy(cx - 5, cy - 5, cx + 5, cy + 5);

        var shifted = FixedShift.WindowFor(box, 200, 100, 64);
        var padded = FixedPad.WindowFor(box, 200, 100, 64);

        Assert.Equal(new CropWindow(shiftX, shiftY, 32), shifted);
        Assert.Equal(new CropWindow(padX, padY, 32), padded);
    }

    [Fact]
    public void A_Frame_Smaller_Than_The_Window_Is_Padded_Around_It()
    {
        var w = FixedShift.WindowFor(new BoxXyxy(2, 2, 8, 8), 20, 10, 64);

        Assert.Equal(new CropWindow(-6, -11, 32), w);
        Assert.Equal(new PixelRect(0, 0, 20, 10), w.InsideFrame(20, 10));
    }

    [Fact]
    public void Adaptive_Windows_Are_Context_Times_The_Longer_Side_But_Not_Below_The_Minimum()
    {
        var adaptive = new CropPolicy(true, 2, 2.5, 16, true);

        Assert.Equal(100, adaptive.WindowFor(new BoxXyxy(50, 50, 90, 60), 500, 500, 64).Side);  // 2.5 x 40
        Assert.Equal(16, adaptive.WindowFor(new BoxXyxy(50, 50, 54, 53), 500, 500, 64).Side);   // 2.5 x 4 = 10 -> 16
    }

    [Fact]
    public void Boxes_Map_Into_Input_Pixels_Clipped_To_The_Window()
    {
        // Window 32 px at (10,20) on a 64 px encoder: x2. The box reaches 4 px past the window's left edge.
        var w = new CropWindow(10, 20, 32);

        var b = w.ToInput(new BoxXyxy(6, 24, 20, 30), 64);

        Assert.Equal(new BoxXyxy(0, 8, 20, 20), b);
    }
}
