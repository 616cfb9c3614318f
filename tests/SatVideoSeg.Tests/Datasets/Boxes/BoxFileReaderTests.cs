using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Boxes;

public class BoxFileReaderTests
{
    private static BoxAnnotations ReadText(TempDir dir, string text, BoxFileFormat format = BoxFileFormat.Auto)
    {
        string path = dir.File("boxes.txt");
        File.WriteAllText(path, text);
        return BoxFileReader.Read(path, format);
    }

    [Fact]
    public void Mot_Lines_Give_Zero_Based_Frames_Ids_And_Classes()
    {
        using var dir = new TempDir();

        var boxes = ReadText(dir, "1,7,10,20,5,4,1,2\n3,8,0,0,2,2,1,4\n");

        Assert.Equal(BoxFileFormat.Mot, boxes.Format);
        var b = Assert.Single(boxes.ForFrame(0));
        Assert.Equal((7, ObjectClass.Ship, new BoxXyxy(10, 20, 15, 24)), (b.TrackId, b.Class, b.Box));
        Assert.Equal(ObjectClass.Car, Assert.Single(boxes.ForFrame(2)).Class);
        Assert.Empty(boxes.ForFrame(1));
    }

    [Theory]
    [InlineData("1,2,3,4\n-1,-1,-1,-1\n5,6,7,8\n")]
    [InlineData("1\t2\t3\t4\n-1\t-1\t-1\t-1\n5\t6\t7\t8\n")]
    [InlineData("1 2 3 4\nNaN NaN NaN NaN\n5 6 7 8\n")]
    public void Sot_Files_Number_Frames_By_Line_And_Skip_Unannotated_Rows(string text)
    {
        using var dir = new TempDir();

        var boxes = ReadText(dir, text);

        Assert.Equal(BoxFileFormat.Sot, boxes.Format);
        Assert.Equal(new[] { 0, 2 }, boxes.Frames);
        Assert.Equal(new BoxXyxy(5, 6, 12, 14), boxes.ForFrame(2)[0].Box);
    }

    [Theory]
    [InlineData("1,1,1,1,5,5\n2,1,x,1,5,5\n", "boxes.txt:2: column 3 ('x'): x is not a finite decimal number")]
    [InlineData("1,1,1,1,5,5\n2,1,1,1,0,5\n", "boxes.txt:2: column 5 ('0'): w must be above 0")]
    [InlineData("0,1,1,1,5,5\n", "boxes.txt:1: column 1 ('0'): MOT frames are 1-based")]
    [InlineData("1,1,1,1,5,5\n1,1,2,2,5,5\n", "boxes.txt:2: object 1 already has a box in frame 1 (line 1)")]
    [InlineData("1,2,3\n", "boxes.txt:1: cannot tell the box layout from 3 fields")]
    public void Malformed_Lines_Are_Reported_As_File_And_Line(string text, string expected)
    {
        using var dir = new TempDir();

        var e = Assert.Throws<AnnotationFormatException>(() => ReadText(dir, text));

        Assert.Contains(expected, e.Message);
    }
}
