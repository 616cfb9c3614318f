using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core;

public class MaskTests
{
    [Fact]
    public void A_Rectangle_Outside_The_Frame_Is_Rejected_With_Both_Sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new BitMask(10, 10, new PixelRect(8, 0, 4, 1), new byte[4]));
        Assert.Contains("4x1+8+0", e.Message);
        Assert.Contains("10x10", e.Message);
    }

    [Fact]
    public void Trim_Shrinks_The_Window_To_The_Set_Pixels()
    {
        var m = TestFrames.FromArt(10, 10, 1, 1, "....", ".##.", "....");

        Assert.Equal(new PixelRect(2, 2, 2, 1), m.Trim().Rect);
        Assert.Equal(2, m.Trim().Area);
    }

    [Fact]
    public void FromBox_Fills_Exactly_The_Pixels_Whose_Centres_Are_Inside_And_Clips_To_The_Frame()
    {
        var m = BitMask.FromBox(new BoxXyxy(-2, 1, 3, 3), 10, 10);

        Assert.Equal(new PixelRect(0, 1, 3, 2), m.Rect);
        Assert.Equal(6, m.Area);
    }

    [Fact]
    public void Overlaps_Go_To_The_Object_With_The_Higher_Predicted_IoU()
    {
        var a = TestFrames.FromArt(10, 10, 0, 0, "###", "###");
        var b = TestFrames.FromArt(10, 10, 2, 0, "###", "###");
        var prompt = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 0, 3, 2));
        var objects = new[]
        {
            new SegmentedObject(prompt, a, 0.6, 1),
            new SegmentedObject(prompt with { TrackId = 2 }, b, 0.9, 1),
        };

        var resolved = OverlapResolver.Resolve(objects);

        Assert.Equal(4, resolved[0].Mask.Area);  // lost column x=2 to b
        Assert.Equal(6, resolved[1].Mask.Area);
        Assert.Equal(0, resolved[0].Mask.IntersectionArea(resolved[1].Mask));
    }

    [Fact]
    public void Overlap_Ties_Go_To_The_Smaller_Mask()
    {
        var big = TestFrames.FromArt(10, 10, 0, 0, "####", "####", "####");
        var small = TestFrames.FromArt(10, 10, 1, 1, "#");
        var prompt = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 0, 4, 3));
        var resolved = OverlapResolver.Resolve([new SegmentedObject(prompt, big, 0.8, 1), new SegmentedObject(prompt with { TrackId = 2 }, small, 0.8, 1)]);

        Assert.Equal(11, resolved[0].Mask.Area);
        Assert.Equal(1, resolved[1].Mask.Area);
    }
}
