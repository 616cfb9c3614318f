using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core;

public class MetricsTests
{
    [Fact]
    public void IoU_Counts_Pixels_Of_Masks_Stored_In_Different_Windows()
    {
        // A: 2x2 at (0,0); B: 2x2 at (1,0). Intersection 2 (column 1), union 6.
        var a = TestFrames.FromArt(8, 8, 0, 0, "##", "##");
        var b = TestFrames.FromArt(8, 8, 1, 0, "##", "##");

        Assert.Equal(2.0 / 6, MaskIoU.Compute(a, b), 12);
    }

    [Fact]
    public void IoU_Of_Two_Empty_Masks_Is_One_And_Of_Empty_Against_Nonempty_Is_Zero()
    {
        var empty = BitMask.Empty(8, 8);
        var some = TestFrames.FromArt(8, 8, 1, 1, "#");

        Assert.Equal(1.0, MaskIoU.Compute(empty, BitMask.Empty(8, 8)));
        Assert.Equal(0.0, MaskIoU.Compute(empty, some));
        Assert.Equal(0.0, MaskIoU.Compute(some, empty));
    }

    [Theory]
    [InlineData(3, 3, 1, 8)]   // 3x3 filling the frame: the frame edge is boundary, only the centre survives erosion
    [InlineData(4, 4, 1, 12)]  // 4x4: a 2x2 interior survives
    [InlineData(5, 5, 2, 24)]  // 5x5 with d=2: only the centre survives
    [InlineData(5, 5, 3, 25)]  // d larger than the half-width: everything is boundary
    public void Boundary_Of_A_Full_Frame_Square_Treats_The_Frame_Edge_As_Background(int w, int h, int d, int expectedArea)
    {
        var full = BitMask.FromFullFrame(Enumerable.Repeat((byte)1, w * h).ToArray(), w, h);

        Assert.Equal(expectedArea, BoundaryIoU.Boundary(full, d).Area);
    }

    [Fact]
    public void Boundary_IoU_Of_A_Square_And_Its_Widened_Copy_Is_Seven_Elevenths()
    {
        // A = 3x3 at (2,2): boundary = all but the centre (3,3): 8 px.
        // B = 3 rows x 4 columns at (2,2): interior (3,3),(4,3): boundary 10 px.
        // (4,3) is boundary in A only; A's boundary is otherwise inside B's: intersection 7, union 11.
        var a = TestFrames.FromArt(10, 10, 2, 2, "###", "###", "###");
        var b = TestFrames.FromArt(10, 10, 2, 2, "####", "####", "####");

        Assert.Equal(7.0 / 11, BoundaryIoU.Compute(a, b, 1), 12);
    }

    [Theory]
    [InlineData(1147, 1023, 31)]  // sqrt(1147^2 + 1023^2) = 1536.9 -> 30.7 -> 31
    [InlineData(640, 480, 16)]    // diagonal 800 -> 16
    [InlineData(20, 20, 1)]       // 0.57 -> rounds to 1
    [InlineData(10, 10, 1)]       // 0.28 -> 0, raised to the minimum of 1
    public void Dilation_From_Ratio_Follows_The_Reference(int w, int h, int expected)
    {
        Assert.Equal(expected, BoundaryIoU.DilationFromRatio(w, h));
    }
}
