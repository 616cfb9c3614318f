using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Mots;

public class MotsFormatTests
{
    [Fact]
    public void A_Line_Holds_Frame_ObjId_Class_Size_And_Rle_And_Reads_Back()
    {
        // 2x2 frame with only (0,0) set: RLE counts [0,1,3] -> "013".
        var mask = TestFrames.FromArt(2, 2, 0, 0, "#.", "..");

        string line = MotsFormat.FormatLine(4, 7, ObjectClass.Ship, mask);
        var back = MotsFormat.ParseLine("t.txt", 1, line);

        Assert.Equal("5 2007 2 2 2 013", line);
        Assert.Equal((4, 7, ObjectClass.Ship, 1L), (back.FrameIndex, back.TrackId, back.Class, back.Rle.Area));
    }

    [Fact]
    public void Kitti_Style_Files_Are_Zero_Based()
    {
        var mask = TestFrames.FromArt(2, 2, 0, 0, "#.", "..");

        Assert.StartsWith("4 ", MotsFormat.FormatLine(4, 7, ObjectClass.Ship, mask, frameBase: 0));
    }
}
