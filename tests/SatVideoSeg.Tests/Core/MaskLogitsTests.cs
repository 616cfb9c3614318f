using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Tests.Core;

public class MaskLogitsTests
{
    // An 8x8 map over a 16 px window at (10, 10): positive on cells (3..4, 3..4), the object at the crop's centre.
    private static MaskLogits CentredBlob()
    {
        var logits = Enumerable.Repeat(-5f, 64).ToArray();
        foreach (int v in new[] { 3, 4 })
            foreach (int u in new[] { 3, 4 }) logits[v * 8 + u] = 5;
        return new MaskLogits(logits, 8, new PixelRect(10, 10, 16, 16));
    }

    [Fact]
    public void Followed_To_A_Crop_That_Moved_With_The_Object_The_Mask_Stays_At_Its_Centre()
    {
        var previous = CentredBlob();

        var followed = previous.FollowedTo(new PixelRect(16, 12, 16, 16));

        Assert.Equal(previous.Logits, followed);
    }

    [Fact]
    public void Resampled_Into_A_Crop_That_Moved_The_Mask_Stays_Where_It_Was_In_The_Frame()
    {
        // The window moved 6 px (3 cells) right: the blob, fixed in the frame, is 3 cells further left.
        var resampled = CentredBlob().ResampleTo(new PixelRect(16, 10, 16, 16));

        Assert.Equal(5f, resampled[3 * 8 + 0]);
        Assert.Equal(5f, resampled[4 * 8 + 1]);
        Assert.Equal(-5f, resampled[3 * 8 + 3]);
        Assert.Equal(MaskLogits.Outside, resampled[3 * 8 + 7]);
    }
}
