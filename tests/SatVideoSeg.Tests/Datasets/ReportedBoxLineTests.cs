using System.Text;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets;

/// <summary>
/// The box lines a user fed the tool on 2026-12-04 (issue 18) that were read with another meaning
/// than their text, or accepted with a byte that is not part of any number. Each must now stop with
/// file:line and the column as written.
/// </summary>
public class ReportedBoxLineTests
{
    private const string GoodLine = "7,1,410,14,9,14,1,1\n";

    private static AnnotationFormatException ReadBytes(TempDir dir, byte[] bytes, BoxFileFormat format = BoxFileFormat.Auto)
    {
        string path = dir.File("boxes.txt");
        File.WriteAllBytes(path, bytes);
        return Assert.Throws<AnnotationFormatException>(() => BoxFileReader.Read(path, format));
    }

    private static AnnotationFormatException Read(TempDir dir, string secondLine, BoxFileFormat format = BoxFileFormat.Auto) =>
        ReadBytes(dir, Encoding.UTF8.GetBytes(GoodLine + secondLine + "\n"), format);

    [Theory]
    // An empty field used to shift the columns: x=413, y=14, w=9, h=1.
    [InlineData("8,1,,413,14,9,1,1", "boxes.txt:2: column 3 (''): x is empty")]
    // An empty frame field used to land the box in frame 1.
    [InlineData(",1,0,413,14,9,,1", "boxes.txt:2: column 1 (''): frame is empty")]
    // NaN used to drop the box silently, inf was refused: both are refused, the same way.
    [InlineData("8,1,NaN,14,9,14,1,1", "boxes.txt:2: column 3 ('NaN'): x is not a finite decimal number")]
    [InlineData("8,1,410,14,inf,14,1,1", "boxes.txt:2: column 5 ('inf'): w is not a finite decimal number")]
    // 'E' in the confidence column used to pass: conf was never read.
    [InlineData("8,1,410,14,9,14,E,1", "boxes.txt:2: column 7 ('E'): conf is not a finite decimal number")]
    // ';' used to be a separator anywhere.
    [InlineData("8;1;410;14;9;14;1;1", "boxes.txt:2: expected 6 to 10 fields (MOT frame,id,x,y,w,h[,conf,class,x,y,z]), got 1")]
    [InlineData("8,1,410;14,9,14,1,1", "boxes.txt:2: column 3 ('410;14'): x is not a finite decimal number")]
    // The size used to vanish in x + w and the message printed w=0.
    [InlineData("8,1,1e30,14,9,14,1,1", "boxes.txt:2: column 3 ('1e30'): x is too large to hold a w of '9'")]
    [InlineData("8,1,410,14,9,14,1,1.5", "boxes.txt:2: column 8 ('1.5'): class is not a whole number")]
    [InlineData("8.5,1,410,14,9,14,1,1", "boxes.txt:2: column 1 ('8.5'): frame is not a whole number")]
    [InlineData("8,1,410,14,9,14,1,1,2,3,4", "boxes.txt:2: expected 6 to 10 fields")]
    public void A_Mutated_Mot_Line_Stops_With_Its_Line_And_Column(string line, string expected)
    {
        using var dir = new TempDir();

        var e = Read(dir, line);

        Assert.StartsWith(dir.File(expected), e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_Nul_Byte_After_The_Frame_Number_Is_Shown_Escaped_In_Its_Column()
    {
        using var dir = new TempDir();

        var e = Read(dir, "8\0,1,410,14,9,14,1,1");

        Assert.Equal(dir.File("boxes.txt:2: column 1 ('8\\u0000'): frame is not a whole number"), e.Message);
    }

    [Fact]
    public void A_Byte_That_Is_Not_Utf8_In_The_Conf_Column_Is_Reported_There()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(GoodLine + "8,1,410,14,9,14,1,1\n").ToList();
        bytes[GoodLine.Length + "8,1,410,14,9,14,".Length] = 0xFF;

        var e = ReadBytes(dir, [.. bytes]);

        Assert.Equal(dir.File("boxes.txt:2: column 7 ('\\uFFFD'): conf is not a finite decimal number"), e.Message);
    }

    [Fact]
    public void A_Semicolon_Separated_Mot_File_Is_Not_Taken_For_Mot()
    {
        using var dir = new TempDir();

        var e = ReadBytes(dir, Encoding.UTF8.GetBytes("8;1;410;14;9;14;1;1\n"));

        Assert.Contains("boxes.txt:1: 8 fields separated by Semicolon: MOT rows (frame,id,x,y,w,h,...) are comma-separated", e.Message);
    }

    [Fact]
    public void Ignored_Ids_May_Be_Any_Whole_Number_And_All_Become_Minus_One()
    {
        using var dir = new TempDir();
        string path = dir.File("boxes.txt");
        File.WriteAllText(path, "1,5000,1,1,4,4,1,4\n1,5000,9,9,4,4,1,4\n2,-7,1,1,4,4,1,4\n2,99999999999999,3,3,4,4,1,4\n");

        var boxes = BoxFileReader.Read(path, BoxFileFormat.Mot, ignoreIds: true);

        Assert.Equal(4, boxes.Count);
        Assert.All(boxes.Frames.SelectMany(boxes.ForFrame), b => Assert.Equal(-1, b.TrackId));
        // Without --ignore-ids the same file is refused: the id does not fit, and 5000 repeats in frame 1.
        Assert.Throws<AnnotationFormatException>(() => BoxFileReader.Read(path, BoxFileFormat.Mot));
    }

    [Theory]
    [InlineData("1,2,3,4\nNaN,1,2,3\n", "boxes.txt:2: column 1 ('NaN'): NaN marks a frame without a box only as a whole row of NaN")]
    [InlineData("1,2,3,4\n1,2,3,NaN\n", "boxes.txt:2: column 4 ('NaN'): NaN marks")]
    [InlineData("1,2,3,4\n\n1,2,3,4\n", "boxes.txt:2: blank line between rows")]
    [InlineData("1,2,3,4\n1,2,-1,4\n", "boxes.txt:2: column 3 ('-1'): w must be above 0")]
    [InlineData("1,2,3,4\n1\t2\t3\t4\n", "boxes.txt:2: expected 4 fields (x,y,w,h per frame), got 1")]
    [InlineData("1,2,3,4\n1,2,3,4,\n", "boxes.txt:2: expected 4 fields")]
    public void A_Sot_Row_That_Is_Neither_A_Box_Nor_A_Whole_No_Box_Row_Stops(string text, string expected)
    {
        using var dir = new TempDir();

        var e = ReadBytes(dir, Encoding.UTF8.GetBytes(text));

        Assert.StartsWith(dir.File(expected), e.Message);
    }

    [Fact]
    public void Sot_No_Box_Rows_Are_Counted_And_Keep_Their_Frame()
    {
        using var dir = new TempDir();
        string path = dir.File("gt.txt");
        File.WriteAllText(path, "-1,-1,-1,-1\nnan,NaN,nan,NAN\n0,0,0,0\n-1,-1,10,10\n");

        var boxes = BoxFileReader.Read(path);

        Assert.Equal(3, boxes.NoBoxRows);
        var b = Assert.Single(boxes.ForFrame(3));
        Assert.Equal(new BoxXyxy(-1, -1, 9, 9), b.Box);
    }
}
