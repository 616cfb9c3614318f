using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Tracking;
using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class PredictedPromptTests
{
    private static TrackPrediction At(BoxXyxy box) => new(1, 1, ObjectClass.Car, box, TrackState.Confirmed, null, (1, 1));

    [Fact]
    public void A_Prediction_Is_Widened_By_Two_Standard_Deviations_Of_Its_Centre()
    {
        Assert.Equal(new BoxXyxy(48, 38, 62, 52), TrackedPromptSource.Widen(At(new BoxXyxy(50, 40, 60, 50)), 200, 120));
    }

    [Fact]
    public void A_Prediction_At_The_Frame_Edge_Reaches_In_By_What_May_Come_Into_View()
    {
        // 3 px of a 5 px tall car at the left edge: the prompt reaches 3 px further right.
        var widened = TrackedPromptSource.Widen(At(new BoxXyxy(0, 40, 3, 45)), 200, 120);

        Assert.Equal(3 + 1.5 + 3, widened.X1, 6); // + half its width at most as margin, + the reach
        Assert.Equal(new BoxXyxy(0, 38, 0, 47).Y1, widened.Y1, 6);
    }
}
