using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Tests.Core;

public class BoxTests
{
    // Pixel j is inside [x0, x1] when its centre j + 0.5 is.
    [Theory]
    [InlineData(2, 3, 5, 7, 2, 3, 3, 4)]          // integer tight box [x, x+w) -> pixels x..x+w-1
    [InlineData(2.4, 3.6, 5.4, 7.5, 2, 4, 3, 4)]  // centres 2.5..4.5 and 4.5..7.5 (edges inclusive) fall inside
    [InlineData(2.6, 3, 2.9, 4, 0, 3, 0, 1)]      // narrower than a pixel centre: empty
    public void ToPixelRect_Takes_The_Pixels_Whose_Centres_Lie_Inside(double x0, double y0, double x1, double y1, int rx, int ry, int rw, int rh)
    {
        var r = new BoxXyxy(x0, y0, x1, y1).ToPixelRect();

        Assert.Equal((rw, rh), (r.Width, r.Height));
        if (rw > 0) Assert.Equal((rx, ry), (r.X, r.Y));
    }

    [Fact]
    public void IoU_Of_Half_Overlapping_Boxes_Is_One_Third()
    {
        // Two 2x2 boxes sharing a 1x2 strip: 2 / (4 + 4 - 2).
        Assert.Equal(1.0 / 3, new BoxXyxy(0, 0, 2, 2).IoU(new BoxXyxy(1, 0, 3, 2)), 12);
    }

    [Fact]
    public void IoU_Of_Disjoint_Or_Empty_Boxes_Is_Zero()
    {
        Assert.Equal(0, new BoxXyxy(0, 0, 1, 1).IoU(new BoxXyxy(2, 2, 3, 3)));
        Assert.Equal(0, new BoxXyxy(0, 0, 0, 0).IoU(new BoxXyxy(0, 0, 0, 0)));
    }

    [Fact]
    public void ClipTo_Keeps_The_Part_Inside_The_Frame()
    {
        Assert.Equal(new BoxXyxy(0, 5, 10, 8), new BoxXyxy(-3, 5, 12, 8).ClipTo(10, 10));
    }
}
