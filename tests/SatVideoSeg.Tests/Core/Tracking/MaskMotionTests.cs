using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Tracking;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Tracking;

public class MaskMotionTests
{
    [Fact]
    public void Translate_Moves_The_Pixels_And_Drops_Those_Leaving_The_Frame()
    {
        var mask = TestFrames.FromArt(8, 6, 1, 1, "##.", ".##");

        var moved = MaskMotion.Translate(mask, 5.4, 2.6);

        Assert.Equal(new PixelRect(6, 4, 2, 2), moved.Rect);
        Assert.True(moved[6, 4] && moved[7, 4] && !moved[6, 5] && moved[7, 5]);
        Assert.Equal(3, moved.Area);
    }

    [Fact]
    public void Translate_Out_Of_The_Frame_Gives_An_Empty_Mask()
    {
        var mask = BitMask.FromBox(new BoxXyxy(0, 0, 2, 2), 8, 6);

        Assert.True(MaskMotion.Translate(mask, -5, 0).IsEmpty);
        Assert.Same(mask, MaskMotion.Translate(mask, 0.2, -0.3));
    }
}
