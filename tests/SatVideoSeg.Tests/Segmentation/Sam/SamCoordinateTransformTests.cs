using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class SamCoordinateTransformTests
{
    // scale = S / max(H, W); newH = int(H*scale + 0.5), newW = int(W*scale + 0.5).
    [Theory]
    [InlineData(1920, 1080, 1024, 1024, 576)]  // 1080 * 0.5333 = 576.0 -> 576
    [InlineData(718, 358, 1024, 1024, 511)]    // 358 * 1.42618 = 510.57 -> int(511.07) = 511
    [InlineData(100, 300, 64, 21, 64)]         // 100 * 0.21333 = 21.33 -> int(21.83) = 21
    [InlineData(640, 480, 64, 64, 48)]
    public void Resized_Size_Follows_ResizeLongestSide(int w, int h, int s, int newW, int newH)
    {
        var t = SamCoordinateTransform.For(w, h, s);

        Assert.Equal((newW, newH), (t.ResizedWidth, t.ResizedHeight));
    }

    [Fact]
    public void Points_Scale_By_Each_Axis_Own_Ratio()
    {
        // x by 1024/718, y by 511/358 (not one common scale: newH was rounded).
        var (x, y) = SamCoordinateTransform.For(718, 358, 1024).Apply(100, 100);

        Assert.Equal(100 * 1024.0 / 718, x, 9);
        Assert.Equal(100 * 511.0 / 358, y, 9);
    }

    [Fact]
    public void Square_Resize_Maps_Both_Axes_To_S()
    {
        var t = SamCoordinateTransform.For(200, 100, 1024, square: true);

        Assert.Equal((5.12, 10.24), t.Apply(1, 1));
    }
}
