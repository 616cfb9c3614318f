using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Geometry;

/// <summary>OrientedBox geometry and the minimum-area fit, with hand-worked numbers.</summary>
public class OrientedBoxTests
{
    private static readonly double S = Math.Sqrt(0.5);

    [Fact]
    public void Oriented_Box_At_Zero_Degrees_Has_The_Corners_Of_The_Axis_Aligned_Box()
    {
        var box = new OrientedBox(10, 20, 8, 2, 0);

        var c = box.Corners();

        Assert.Equal([(6.0, 19.0), (14.0, 19.0), (14.0, 21.0), (6.0, 21.0)], c);
        Assert.Equal(new BoxXyxy(6, 19, 14, 21), box.EnclosingBox());
    }

    [Fact]
    public void Oriented_Box_Heading_Down_Swaps_Its_Extents_In_The_Enclosing_Box()
    {
        // Heading +90 degrees with y down points along +y: the 4 px width runs vertically.
        var box = new OrientedBox(0, 0, 4, 2, Math.PI / 2);

        var c = box.Corners();
        var e = box.EnclosingBox();

        // back-left = centre - 2*(0,1) - 1*(-1,0) = (1,-2); front-left = (1,2); front-right = (-1,2).
        Assert.Equal(1, c[0].X, 9); Assert.Equal(-2, c[0].Y, 9);
        Assert.Equal(1, c[1].X, 9); Assert.Equal(2, c[1].Y, 9);
        Assert.Equal(-1, c[2].X, 9); Assert.Equal(2, c[2].Y, 9);
        Assert.Equal(-1, e.X0, 9); Assert.Equal(-2, e.Y0, 9); Assert.Equal(1, e.X1, 9); Assert.Equal(2, e.Y1, 9);
    }

    [Fact]
    public void Oriented_Box_At_45_Degrees_Encloses_With_Half_Extent_Of_Half_Width_Plus_Half_Height_Over_Root_Two()
    {
        var box = new OrientedBox(0, 0, 10, 2, Math.PI / 4);

        var e = box.EnclosingBox();

        // (5 + 1) * sqrt(1/2) = 4.2426 on each side.
        Assert.Equal(-6 * S, e.X0, 9);
        Assert.Equal(6 * S, e.Y1, 9);
    }

    [Theory]
    [InlineData(3, 3, true)]     // on the heading line, 4.24 px from the centre (half width 5)
    [InlineData(3, -3, false)]   // 4.24 px across the heading (half height 1)
    [InlineData(4.2, 4.2, false)] // enclosing-box corner direction, 5.94 px along: past the end
    [InlineData(0, 0, true)]
    public void Oriented_Box_Contains_Points_By_Their_Projections(double x, double y, bool inside)
    {
        var box = new OrientedBox(0, 0, 10, 2, Math.PI / 4);

        Assert.Equal(inside, box.Contains(x, y));
    }

    [Fact]
    public void Major_Axis_Runs_Along_The_Longer_Side()
    {
        var wide = new OrientedBox(50, 50, 20, 4, 0);
        var tall = new OrientedBox(0, 0, 2, 10, 0);

        Assert.Equal((45.0, 50.0), wide.AlongMajorAxis(0.25));
        Assert.Equal((55.0, 50.0), wide.AlongMajorAxis(0.75));
        var p = tall.AlongMajorAxis(0.25);
        Assert.Equal(0, p.X, 9);
        Assert.Equal(-2.5, p.Y, 9);
    }

    [Fact]
    public void Minimum_Area_Fit_Of_An_Axis_Aligned_Mask_Is_Its_Tight_Box()
    {
        var mask = TestFrames.FromArt(40, 40, 10, 20,
            "######",
            "######",
            "######");

        var box = OrientedBoxFit.MinimumArea(mask);

        Assert.Equal(new OrientedBox(13, 21.5, 6, 3, 0), box);
        Assert.Equal(new BoxXyxy(10, 20, 16, 23), box.EnclosingBox());
    }

    [Fact]
    public void Minimum_Area_Fit_Of_A_Rotated_Rectangle_Finds_Its_Heading_And_Size()
    {
        var truth = new OrientedBox(30, 30, 30, 6, Math.PI / 6);
        var mask = SatVideoSeg.Tests.Segmentation.OrientedPromptTests.Rasterise(truth, 64, 64);

        var box = OrientedBoxFit.MinimumArea(mask);

        Assert.Equal(30, box.Angle * 180 / Math.PI, 1.0);
        Assert.InRange(box.Width, 29, 31.5);
        Assert.InRange(box.Height, 5, 7.5);
        Assert.Equal(30, box.CenterX, 0.6);
        Assert.Equal(30, box.CenterY, 0.6);
    }

    [Fact]
    public void Minimum_Area_Fit_Of_An_Empty_Mask_Throws()
    {
        Assert.Throws<ArgumentException>(() => OrientedBoxFit.MinimumArea(SatVideoSeg.Core.Masks.BitMask.Empty(8, 8)));
    }
}
