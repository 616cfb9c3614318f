using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class LogitSamplerTests
{
    [Fact]
    public void At_Scale_One_The_Mask_Is_The_Positive_Logits_Pasted_At_The_Offset()
    {
        // 4x4 logits, positive in the 2x2 block at (1,1); pasted with the map's corner at frame (10,20).
        var logits = new float[16];
        foreach (int i in new[] { 5, 6, 9, 10 }) logits[i] = 3f;
        for (int i = 0; i < 16; i++) if (logits[i] == 0) logits[i] = -3f;
        var sampler = new LogitSampler(10, 20, 1, 1);

        var (mask, stability) = sampler.Sample(logits, 4, new PixelRect(10, 20, 4, 4), 100, 100, 0);

        Assert.Equal(new PixelRect(11, 21, 2, 2), mask.Rect);
        Assert.Equal(4, mask.Area);
        Assert.Equal(1.0, stability);  // every logit is far from the threshold
    }

    [Fact]
    public void Upsampling_By_Two_Doubles_A_Block_Of_Positive_Logits()
    {
        // 2x2 logits [[+1,-1],[-1,-1]] resampled x2 (align_corners=False): frame pixel 0 samples
        // u = -0.25 -> clamped to 0; pixel 1 samples u = 0.25; pixel 2 samples u = 0.75.
        // Row 0: 1, 1 - 2*0.25 = 0.5, 1 - 2*0.75 = -0.5 -> columns 0 and 1 set.
        // (1,1): top 0.5, bottom -1, v = 0.25 -> 0.5 - 1.5*0.25 = 0.125 > 0 -> set; (2,*) < 0.
        var logits = new float[] { 1, -1, -1, -1 };
        var sampler = new LogitSampler(0, 0, 0.5, 0.5);

        var (mask, _) = sampler.Sample(logits, 2, new PixelRect(0, 0, 4, 4), 10, 10, 0);

        Assert.Equal(new PixelRect(0, 0, 2, 2), mask.Rect);
        Assert.Equal(4, mask.Area);
    }
}
