using SatVideoSeg.Segmentation.Cropping;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class CropLogitsTests
{
    private static CropLogits Gradient() =>
        // 4x4 map over a 4 px window at (10,10): logit = column index.
        new(Enumerable.Range(0, 16).Select(i => (float)(i % 4)).ToArray(), 4, new CropWindow(10, 10, 4));

    [Fact]
    public void Resampling_Into_The_Same_Window_Gives_The_Same_Logits()
    {
        var logits = Gradient();

        Assert.Equal(logits.Logits, logits.ResampleTo(logits.Window));
    }

    [Fact]
    public void A_Window_Moved_One_Pixel_Right_Shifts_The_Map_And_Marks_Uncovered_Pixels_As_Background()
    {
        // The new window starts at x = 11: its column u sees the old column u + 1; its last column
        // (x = 14.5) lies outside the old window and gets the background logit.
        var moved = Gradient().ResampleTo(new CropWindow(11, 10, 4));

        Assert.Equal(new float[] { 1, 2, 3, CropLogits.Outside }, moved[..4]);
    }
}
