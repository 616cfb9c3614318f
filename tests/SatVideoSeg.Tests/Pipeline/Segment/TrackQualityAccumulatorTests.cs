using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class TrackQualityAccumulatorTests
{
    private static SegmentedObject Obj(BoxXyxy prompt, BoxXyxy mask, PromptSource source = PromptSource.Annotated, double iou = 1) =>
        new(new ObjectPrompt(1, ObjectClass.Car, prompt, source), BitMask.FromBox(mask, 100, 100), iou, 1);

    [Fact]
    public void The_Signals_Count_Temporal_IoU_Area_Jumps_Oversized_Masks_Predicted_Prompts_And_Lost_Frames()
    {
        var q = new TrackQualityAccumulator(1, ObjectClass.Car);
        var box = new BoxXyxy(10, 10, 20, 20);
        q.Add(4, Obj(box, box, iou: 0.9));                                             // frame 5
        q.Add(5, Obj(box, box, PromptSource.Predicted, 0.7));                          // frame 6: temporal IoU 1
        q.Add(6, Obj(box, new BoxXyxy(10, 10, 20, 15), PromptSource.Predicted));       // frame 7: IoU 0.5, area halves: a jump
        q.AddLostFrame();                                                              // frame 8 lost
        q.Add(8, Obj(box, new BoxXyxy(5, 10, 20, 20), PromptSource.Predicted));        // frame 9: not consecutive; 5 px beyond its box

        var r = q.ToQuality();

        Assert.Equal((5, 9, 4, 0), (r.FirstFrame, r.LastFrame, r.Frames, r.EmptyMasks));
        Assert.Equal((0.9, 0.7), (r.MeanPredictedIoU, r.MinPredictedIoU));
        Assert.Equal((0.75, 0.5, 0), (r.MeanTemporalIoU, r.MinTemporalIoU, r.LowTemporalIoUFrames));
        Assert.Equal((1, 1), (r.AreaJumps, r.MaskLargerThanBox));
        Assert.Equal(new[] { 7 }, r.AreaJumpFrames);
        Assert.Equal((3, "6-7,9", 1), (r.PredictedPrompts, r.PredictedPromptFrames, r.LostFrames));
    }

    [Fact]
    public void A_Single_Frame_Track_Has_No_Temporal_IoU()
    {
        var q = new TrackQualityAccumulator(1, ObjectClass.Car);
        q.Add(0, Obj(new BoxXyxy(0, 0, 4, 4), new BoxXyxy(0, 0, 4, 4)));

        var r = q.ToQuality();

        Assert.Null(r.MeanTemporalIoU);
        Assert.Equal("", r.PredictedPromptFrames);
    }
}
