using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Tracking;

namespace SatVideoSeg.Tests.Core.Tracking;

public class MaskBoxMeasurementTests
{
    private const int W = 200, H = 120;
    private static readonly LinkerOptions SizeFromMasks = new(MeasureSizeFromMasks: true);

    private static MaskBoxMeasurement.Track Prior(BoxXyxy predicted, (double, double)? annotated = null, (bool, bool) atEdge = default) =>
        new(predicted, (1, 1), annotated, atEdge);

    [Fact]
    public void A_Mask_Cut_Off_By_Its_Prompt_Keeps_The_Size_And_Holds_To_The_Side_That_Was_Not_Cut()
    {
        // The car (10 px) moved right past its trailing prompt: the mask ends at the prompt's right side.
        var prompt = new BoxXyxy(48, 48, 62, 62);
        var mask = new BoxXyxy(56, 50, 62, 60);

        var box = MaskBoxMeasurement.Measure(mask, prompt, W, H, Prior(new BoxXyxy(50, 50, 60, 60)), SizeFromMasks);

        Assert.Equal(10, box.Width, 6);
        Assert.Equal(56, box.X0, 6);
        Assert.Equal(10, box.Height, 6);
    }

    [Fact]
    public void A_Mask_That_Leaks_Grows_The_Track_By_The_Growth_Gate_Only()
    {
        var prompt = new BoxXyxy(30, 30, 80, 80);
        var mask = new BoxXyxy(40, 50, 70, 60); // 30 px wide inside a 50 px prompt, for a 10 px object

        var box = MaskBoxMeasurement.Measure(mask, prompt, W, H, Prior(new BoxXyxy(50, 50, 60, 60)), SizeFromMasks);

        Assert.Equal(10 * SizeFromMasks.SizeGrowthPerFrame, box.Width, 6);
        Assert.Equal(55, box.CenterX, 6);
    }

    [Fact]
    public void Without_Sizes_From_Masks_The_Mask_Moves_The_Box_And_Keeps_Its_Size()
    {
        var box = MaskBoxMeasurement.Measure(new BoxXyxy(42, 52, 50, 58), new BoxXyxy(30, 30, 80, 80), W, H,
            Prior(new BoxXyxy(50, 50, 60, 60)), LinkerOptions.Default);

        Assert.Equal(new BoxXyxy(41, 50, 51, 60), box);
    }

    [Fact]
    public void An_Object_Entering_The_Frame_Takes_The_Size_Of_Its_Mask_Within_Its_Reach()
    {
        // 3 px of a 5 px tall car were in view; now 6 are, and a leaking mask may add at most 5 px.
        var prior = Prior(new BoxXyxy(0, 40, 3, 45), (3, 5), (true, false));
        var entering = MaskBoxMeasurement.Measure(new BoxXyxy(0, 40, 6, 45), new BoxXyxy(0, 39, 9, 46), W, H, prior, LinkerOptions.Default);
        var leaking = MaskBoxMeasurement.Measure(new BoxXyxy(0, 40, 30, 45), new BoxXyxy(0, 39, 40, 46), W, H, prior, LinkerOptions.Default);

        Assert.Equal(6, entering.Width, 6);
        Assert.Equal(3 + MaskBoxMeasurement.EdgeReach(3, 5), leaking.Width, 6);
    }

    [Fact]
    public void An_Annotated_Box_At_The_Frame_Edge_Does_Not_Bound_The_Size_Once_The_Object_Is_In_View()
    {
        // Annotated 4 px wide while entering; now wholly inside at 12 px, its mask 13 px wide.
        var prompt = new BoxXyxy(20, 20, 40, 34);
        var mask = new BoxXyxy(23.5, 22, 36.5, 32);
        var entered = Prior(new BoxXyxy(24, 22, 36, 32), (4, 10), (true, false));
        var bounded = entered with { AnnotatedAtEdge = (false, false) };

        Assert.Equal(13, MaskBoxMeasurement.Measure(mask, prompt, W, H, entered, SizeFromMasks).Width, 6);
        Assert.Equal(4 * SizeFromMasks.MaxSizeChange, MaskBoxMeasurement.Measure(mask, prompt, W, H, bounded, SizeFromMasks).Width, 6);
    }

    [Fact]
    public void An_Object_At_The_Edge_Measures_At_Most_Its_Class_Span_Held_To_Its_Far_Side()
    {
        // A car entered along a road from the left edge: its mask reaches from the edge to x = 30,
        // past the 12 px any car of this class has shown (the leak runs along the road behind it).
        // The box keeps the mask's far side, where the car's front was found, and the class's span.
        var prior = Prior(new BoxXyxy(0, 40, 20, 46), (1, 6), (true, false)) with { ClassSpan = 12 };
        var mask = new BoxXyxy(0, 40, 30, 46);

        var box = MaskBoxMeasurement.Measure(mask, new BoxXyxy(0, 38, 32, 48), W, H, prior, LinkerOptions.Default);
        var unbounded = MaskBoxMeasurement.Measure(mask, new BoxXyxy(0, 38, 32, 48), W, H, prior with { ClassSpan = null }, LinkerOptions.Default);

        Assert.Equal(new BoxXyxy(18, 40, 30, 46), box);
        Assert.Equal(26, unbounded.Width, 6); // 20 px plus its reach of 6 a frame
        // At the right edge the far side is the left one.
        var right = MaskBoxMeasurement.Measure(new BoxXyxy(170, 40, 200, 46), new BoxXyxy(168, 38, 200, 48), W, H,
            Prior(new BoxXyxy(180, 40, 200, 46), (1, 6), (true, false)) with { ClassSpan = 12 }, LinkerOptions.Default);
        Assert.Equal(new BoxXyxy(170, 40, 182, 46), right);
    }
}
