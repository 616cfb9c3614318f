using SatVideoSeg.Core.Detections;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Video.Rendering;

public class ContactSheetTests
{
    [Fact]
    public void Crops_Are_Kept_Every_Stride_Frames_For_Every_Track_Present()
    {
        var crops = new TrackCropCollector(stride: 3, tileSize: 32);
        foreach (var (frame, detections) in RenderTestData.Sequence(8)) crops.Add(frame, detections);

        Assert.Equal(new[] { 0, 3, 6 }, crops.SampledFrames);
        Assert.Equal(new[] { 1, 2, 3 }, crops.TrackIds);
        Assert.Equal(new[] { 0, 3, 6 }, crops.TilesOf(2).Select(t => t.FrameIndex));
        Assert.Equal(ObjectClass.Car, crops.ClassOf(2));
    }

    [Fact]
    public void The_Sheet_Has_A_Row_Per_Track_And_A_Column_Per_Sampled_Frame_With_Even_Sides()
    {
        var crops = new TrackCropCollector(stride: 2, tileSize: 32);
        foreach (var (frame, detections) in RenderTestData.Sequence(7)) crops.Add(frame, detections);

        var sheet = ContactSheet.Compose(crops, maxColumns: 3);

        // 80 px of row labels + 3 columns of 32 + 2; 16 px of header + 3 rows of 32 + 2.
        Assert.Equal((80 + 3 * 34, 16 + 3 * 34), (sheet.Width, sheet.Height));
        Assert.Equal(new[] { 0, 4, 6 }, ContactSheet.StripFrames(crops, 1, maxTiles: 3));
        Assert.Equal(4 * 34, ContactSheet.Strip(crops, 1)!.Width);
    }

    [Fact]
    public void The_Stride_Spreads_About_Twelve_Samples_Over_The_Video()
    {
        Assert.Equal(8, TrackCropCollector.StrideFor(90));
        Assert.Equal(1, TrackCropCollector.StrideFor(5));
        Assert.Equal(10, TrackCropCollector.StrideFor(null));
    }
}
