using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Benchmarks;

public class BenchmarkReaderTests
{
    // A frame image is all the readers need from the frames folder (they only list it).
    private static void Frames(string folder, int count, string ext = ".jpg")
    {
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= count; i++) File.WriteAllBytes(Path.Combine(folder, $"{i:D6}{ext}"), [0]);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void SatMtb_Mot_Rows_Give_Classes_By_Id_And_Xml_Adds_Fine_Class_And_Corners()
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "ship", "07");
        Frames(Path.Combine(seq, "img"), 2, ".png");
        // cls 2 = ship, 0 = car; the 7th field is unused.
        Write(Path.Combine(seq, "mot", "07.txt"), "1,5,10,20,30,8,1,2\n2,5,11,20,30,8,1,2\n2,9,50,50,4,2,1,0\n");
        Write(Path.Combine(seq, "det", "HBB", "000001.xml"),
            "<annotation><object><name>S-cargo</name><objectID>5</objectID><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>40</xmax><ymax>28</ymax></bndbox></object></annotation>");
        Write(Path.Combine(seq, "det", "OBB", "000001.xml"),
            "<annotation><object><name>S-cargo</name><objectID>5</objectID><robndbox><x0>10</x0><y0>24</y0><x1>25</x1><y1>20</y1><x2>40</x2><y2>24</y2><x3>25</x3><y3>28</y3></robndbox></object></annotation>");

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.SatMtb, layout);
        var s = Assert.Single(sequences);
        Assert.Equal("ship-07", s.Name);
        Assert.Equal(3, s.Boxes.Count);
        var first = s.Boxes[0];
        Assert.Equal((0, 5, ObjectClass.Ship, new BoxXyxy(10, 20, 40, 28)), (first.FrameIndex, first.TrackId, first.Class, first.Box));
        Assert.Equal("S-cargo", first.FineClass);
        Assert.Equal([10, 24, 25, 20, 40, 24, 25, 28], first.Corners!);
        Assert.Null(s.Boxes[1].Corners); // no OBB file for frame 2
        Assert.Equal(ObjectClass.Car, s.Boxes[2].Class);
    }

    [Fact]
    public void SatMtb_Without_A_Mot_File_Reads_Hbb_Xml_With_The_Folder_Class_When_The_Code_Names_None()
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "airplane", "01");
        Frames(Path.Combine(seq, "img"), 3, ".png");
        Write(Path.Combine(seq, "det", "HBB", "000003.xml"),
            "<annotation><object><name>A1</name><objectID>2</objectID><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>11</xmax><ymax>12</ymax></bndbox></object></annotation>");

        var s = Assert.Single(SatMtbFormat.Load(dir.Path));

        var b = Assert.Single(s.Boxes);
        Assert.Equal((2, 2, ObjectClass.Airplane, "A1"), (b.FrameIndex, b.TrackId, b.Class, b.FineClass));
    }

    [Fact]
    public void SatMtb_Mot_Files_Kept_Per_Category_Are_Found()
    {
        using var dir = new TempDir();
        Frames(Path.Combine(dir.Path, "train", "02", "img"), 1, ".png");
        Write(Path.Combine(dir.Path, "train", "mot", "02.txt"), "1,4,1,2,30,5,1,3\n");

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.SatMtb, layout);
        var b = Assert.Single(Assert.Single(sequences).Boxes);
        Assert.Equal((4, ObjectClass.Train), (b.TrackId, b.Class));
    }

    [Fact]
    public void Viso_Reads_The_Comma_Xywh_And_The_Space_Xyxy_Variants_To_The_Same_Boxes()
    {
        using var dir = new TempDir();
        Frames(Path.Combine(dir.Path, "car", "001", "img"), 2);
        Frames(Path.Combine(dir.Path, "plane", "002", "img"), 2);
        Write(Path.Combine(dir.Path, "car", "001", "gt", "gt.txt"), "1,3,10,20,5,4,1,1,-1,-1\n");
        Write(Path.Combine(dir.Path, "plane", "002", "gt", "gt.txt"), "1 3 10 20 15 24\n");

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.Viso, layout);
        Assert.Equal(["car-001", "plane-002"], sequences.Select(s => s.Name));
        Assert.Equal(new BoxXyxy(10, 20, 15, 24), sequences[0].Boxes[0].Box);
        Assert.Equal(new BoxXyxy(10, 20, 15, 24), sequences[1].Boxes[0].Box);
        Assert.Equal(ObjectClass.Car, sequences[0].Boxes[0].Class);
        Assert.Equal(ObjectClass.Airplane, sequences[1].Boxes[0].Class);
    }

    [Theory]
    // Comma, tab, space and semicolon separators; -1 and NaN rows and zero sizes are "not annotated" but still count as frames.
    [InlineData("10,20,5,4\n-1,-1,-1,-1\n12,20,5,4\n")]
    [InlineData("10\t20\t5\t4\nNaN\tNaN\tNaN\tNaN\n12\t20\t5\t4\n")]
    [InlineData("10 20 5 4\n0 0 0 0\n12 20 5 4\n")]
    [InlineData("10;20;5;4\nnan;nan;nan;nan\n12;20;5;4\n")]
    public void Sot_Ground_Truth_Reads_Any_Separator_And_Skips_Missing_Rows(string text)
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "car_0001");
        Frames(Path.Combine(seq, "img"), 3);
        Write(Path.Combine(seq, "groundtruth.txt"), text);

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.Sot, layout);
        var s = Assert.Single(sequences);
        Assert.Equal([0, 2], s.Boxes.Select(b => b.FrameIndex));
        Assert.Equal(new BoxXyxy(12, 20, 17, 24), s.Boxes[1].Box);
        Assert.All(s.Boxes, b => Assert.Equal((1, ObjectClass.Car), (b.TrackId, b.Class)));
        Assert.Equal(1, s.NoBoxRows);
    }

    [Fact]
    public void Ootb_Oriented_Boxes_Become_Their_Enclosing_Box_With_The_Orientation_Kept()
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "plane_3");
        Frames(seq, 2); // frames directly in the sequence folder
        // A diamond: corners (20,10) (30,20) (20,30) (10,20); first edge at 45 degrees.
        Write(Path.Combine(seq, "groundtruth.txt"), "20,10,30,20,20,30,10,20\nnan,nan,nan,nan,nan,nan,nan,nan\n");

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.Ootb, layout);
        var b = Assert.Single(Assert.Single(sequences).Boxes);
        Assert.Equal(new BoxXyxy(10, 10, 30, 30), b.Box);
        Assert.Equal(45, b.AngleDegrees);
        Assert.Equal(ObjectClass.Airplane, b.Class);
        Assert.Equal(seq, sequences[0].FramesFolder);
    }

    [Fact]
    public void Generic_Mot_Reads_Img1_And_Our_Class_Ids()
    {
        using var dir = new TempDir();
        Frames(Path.Combine(dir.Path, "seq-a", "img1"), 2);
        Write(Path.Combine(dir.Path, "seq-a", "gt", "gt.txt"), "2,7,1,2,3,4,1,3\n");

        var (layout, sequences) = BenchmarkReader.Load(dir.Path);

        Assert.Equal(BenchmarkLayout.Mot, layout);
        var b = Assert.Single(Assert.Single(sequences).Boxes);
        Assert.Equal((1, 7, ObjectClass.Train, new BoxXyxy(1, 2, 4, 6)), (b.FrameIndex, b.TrackId, b.Class, b.Box));
    }

    [Fact]
    public void A_Folder_That_Fits_Two_Layouts_Is_An_Error_Naming_Both()
    {
        using var dir = new TempDir();
        Frames(Path.Combine(dir.Path, "seq-a", "img1"), 1);
        Write(Path.Combine(dir.Path, "seq-a", "gt", "gt.txt"), "1,1,1,2,3,4,1,4\n");
        Frames(Path.Combine(dir.Path, "car_1"), 1);
        Write(Path.Combine(dir.Path, "car_1", "groundtruth.txt"), "1,2,3,4\n");

        var e = Assert.Throws<AnnotationFormatException>(() => BenchmarkReader.Load(dir.Path));

        Assert.Contains("ambiguous benchmark layout", e.Message);
        Assert.Contains("mot (1 sequence)", e.Message);
        Assert.Contains("sot (1 sequence)", e.Message);
        Assert.Contains("--from", e.Message);
        // Naming the layout settles it.
        Assert.Equal("seq-a", Assert.Single(BenchmarkReader.Load(dir.Path, BenchmarkLayout.Mot).Sequences).Name);
    }

    [Fact]
    public void A_Folder_With_No_Known_Layout_Says_What_Was_Expected()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "nothing"));

        var e = Assert.Throws<AnnotationFormatException>(() => BenchmarkReader.Load(dir.Path));

        Assert.Contains("no known benchmark layout", e.Message);
        Assert.Contains("groundtruth.txt", e.Message);
    }

    [Fact]
    public void A_Malformed_Row_Names_File_And_Line()
    {
        using var dir = new TempDir();
        Frames(Path.Combine(dir.Path, "car", "001", "img"), 1);
        Write(Path.Combine(dir.Path, "car", "001", "gt", "gt.txt"), "1,1,1,1,2,2,1,1\n1,2,abc,1,2,2,1,1\n");

        var e = Assert.Throws<AnnotationFormatException>(() => BenchmarkReader.Load(dir.Path, BenchmarkLayout.Viso));

        Assert.Contains("gt.txt:2:", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Theory]
    // Folder names, VISO categories, SAT-MTB-style codes; "cargo" must not read as car.
    [InlineData("car", ObjectClass.Car)]
    [InlineData("Plane", ObjectClass.Airplane)]
    [InlineData("airplane_012", ObjectClass.Airplane)]
    [InlineData("ships", ObjectClass.Ship)]
    [InlineData("train3", ObjectClass.Train)]
    [InlineData("cargo", ObjectClass.Unknown)]
    [InlineData("seq-01", ObjectClass.Unknown)]
    [InlineData("", ObjectClass.Unknown)]
    public void Class_Labels_Map_Onto_Our_Four_Classes(string label, ObjectClass expected) =>
        Assert.Equal(expected, ClassNames.FromLabel(label));

    [Theory]
    [InlineData(0, ObjectClass.Car)]
    [InlineData(1, ObjectClass.Airplane)]
    [InlineData(2, ObjectClass.Ship)]
    [InlineData(3, ObjectClass.Train)]
    [InlineData(4, ObjectClass.Unknown)]
    public void SatMtb_Class_Ids_Map_As_The_Benchmark_Defines_Them(int id, ObjectClass expected)
    {
        Assert.Equal(expected, ClassNames.FromSatMtbId(id));
        if (expected != ObjectClass.Unknown) Assert.Equal(id, ClassNames.ToSatMtbId(expected));
    }

    [Fact]
    public void Every_Layout_Saved_Reads_Back_To_The_Same_Boxes()
    {
        using var dir = new TempDir();
        BenchmarkBox[] boxes =
        [
            new(0, 1, ObjectClass.Car, new BoxXyxy(1, 2, 6, 9)),
            new(1, 1, ObjectClass.Car, new BoxXyxy(2, 2, 7, 9)),
        ];
        SatMtbFormat.Save(Path.Combine(dir.Path, "satmtb"), "car", "01", 2, boxes);
        Frames(Path.Combine(dir.Path, "satmtb", "car", "01", "img"), 2, ".png");
        VisoFormat.Save(Path.Combine(dir.Path, "viso"), "car", "001", boxes, commaVariant: false);
        Frames(Path.Combine(dir.Path, "viso", "car", "001", "img"), 2);
        SotFormat.Save(Path.Combine(dir.Path, "sot", "car_1"), 2, boxes, BenchmarkLayout.Sot, ' ');
        SotFormat.Save(Path.Combine(dir.Path, "ootb", "car_1"), 2, boxes, BenchmarkLayout.Ootb);
        MotChallengeFormat.Save(Path.Combine(dir.Path, "mot", "s"), boxes);

        foreach (var layout in new[] { "satmtb", "viso", "sot", "ootb", "mot" })
        {
            var read = BenchmarkReader.Load(Path.Combine(dir.Path, layout)).Sequences.Single().Boxes;
            Assert.Equal(boxes.Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)), read.Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)));
        }
    }
}
