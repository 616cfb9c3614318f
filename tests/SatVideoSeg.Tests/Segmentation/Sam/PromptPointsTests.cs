using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Segmentation.Cropping;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class PromptPointsTests
{
    [Fact]
    public void A_Box_Is_Two_Corners_Labelled_2_And_3_With_No_Padding_Point()
    {
        var prompt = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(12, 22, 20, 30));

        var p = PromptPoints.ForCrop(prompt, new CropWindow(10, 20, 32), 64);

        Assert.Equal(new[] { (4f, 4f, 2f), (20f, 20f, 3f) }, p.Points);
    }

    [Fact]
    public void Points_Without_A_Box_Get_The_Official_Padding_Point()
    {
        var p = PromptPoints.ForPointsOnly([((5, 6), true), ((7, 8), false)]);

        Assert.Equal(new[] { (5f, 6f, 1f), (7f, 8f, 0f), (0f, 0f, -1f) }, p.Points);
    }

    [Fact]
    public void Negative_Points_Come_Before_The_Box_And_Short_Prompts_Are_Padded_In_A_Batch()
    {
        var prompt = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 0, 8, 8)) { NegativePoints = [(4, 4)] };
        var p = PromptPoints.ForCrop(prompt, new CropWindow(0, 0, 64), 64);
        var coords = new float[10];
        var labels = new float[5];

        p.WriteTo(coords, labels);

        Assert.Equal(new float[] { 0, 2, 3, -1, -1 }, labels);
    }

    [Fact]
    public void Batch_Padding_Uses_The_Models_Padding_Label_But_The_Official_Point_Only_Padding_Stays_Minus_One()
    {
        var points = PromptPoints.ForPointsOnly([((5, 6), true)]);
        var coords = new float[8];
        var labels = new float[4];

        points.WriteTo(coords, labels, paddingLabel: -2);

        Assert.Equal(new float[] { 1, -1, -2, -2 }, labels);
        Assert.Equal(new float[] { 5, 6, 0, 0, 0, 0, 0, 0 }, coords);
    }
}
