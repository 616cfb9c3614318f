using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Segmentation.Baselines;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation;

public class BaselineSegmenterTests
{
    [Fact]
    public void The_Box_Segmenter_Fills_Exactly_The_Box()
    {
        var (frame, masks) = TestFrames.Ellipses(0, 64, 48, (20, 20, 8, 5));
        var box = masks[0].TightRect().ToBox();

        var result = new BoxSegmenter().Segment(frame, [new ObjectPrompt(1, ObjectClass.Car, box)]);

        Assert.Equal(masks[0].TightRect().Area, result[0].Mask.Area);
    }

    [Fact]
    public void GrabCut_Beats_The_Box_On_An_Ellipse()
    {
        // A filled ellipse covers pi/4 = 0.785 of its box, so the box scores about 0.785.
        var (frame, masks) = TestFrames.Ellipses(0, 96, 80, (40, 40, 16, 10), (75, 20, 7, 5));
        var prompts = masks.Select((m, i) => new ObjectPrompt(i + 1, ObjectClass.Car, m.TightRect().ToBox())).ToArray();

        var box = new BoxSegmenter().Segment(frame, prompts);
        var grab = new GrabCutSegmenter().Segment(frame, prompts);

        for (int i = 0; i < masks.Length; i++)
        {
            double boxIoU = MaskIoU.Compute(box[i].Mask, masks[i]);
            double grabIoU = MaskIoU.Compute(grab[i].Mask, masks[i]);
            Assert.True(grabIoU > boxIoU + 0.1, $"object {i}: grabcut {grabIoU:0.000} vs box {boxIoU:0.000}");
        }
    }

    [Fact]
    public void GrabCut_Handles_Boxes_On_Every_Frame_Border()
    {
        var (frame, masks) = TestFrames.Ellipses(0, 64, 48, (2, 2, 6, 5), (62, 46, 6, 5), (62, 2, 6, 5), (2, 46, 6, 5));
        var prompts = masks.Select((m, i) => new ObjectPrompt(i + 1, ObjectClass.Car, m.TightRect().ToBox())).ToArray();

        var result = new GrabCutSegmenter().Segment(frame, prompts);

        Assert.All(result, r => Assert.False(r.Mask.IsEmpty));
        Assert.All(result.Zip(masks), p => Assert.True(MaskIoU.Compute(p.First.Mask, p.Second) > 0.5));
    }
}
