using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Benchmarks;

/// <summary>SAT-MTB's per-frame XML boxes are held to the same rules as the text formats: numbers finite, boxes with a size.</summary>
public class SatMtbXmlTests
{
    private static AnnotationFormatException Load(TempDir dir, string box)
    {
        string seq = Path.Combine(dir.Path, "airplane", "01");
        Directory.CreateDirectory(Path.Combine(seq, "img"));
        File.WriteAllBytes(Path.Combine(seq, "img", "000001.png"), [0]);
        Directory.CreateDirectory(Path.Combine(seq, "det", "HBB"));
        File.WriteAllText(Path.Combine(seq, "det", "HBB", "000001.xml"),
            $"<annotation>\n<object><name>A1</name><objectID>2</objectID>\n<bndbox>{box}</bndbox></object></annotation>");
        return Assert.Throws<AnnotationFormatException>(() => SatMtbFormat.Load(dir.Path));
    }

    [Theory]
    [InlineData("<xmin>NaN</xmin><ymin>2</ymin><xmax>11</xmax><ymax>12</ymax>", "000001.xml:3: <xmin> ('NaN'): not a finite decimal number")]
    [InlineData("<xmin>1</xmin><ymin>2</ymin><xmax>1</xmax><ymax>12</ymax>", "000001.xml:2: objectID 2: <bndbox> needs xmax above xmin and ymax above ymin, got xmin 1, ymin 2, xmax 1, ymax 12")]
    [InlineData("<xmin>1</xmin><ymin>2</ymin><xmax>11</xmax>", "000001.xml:3: <bndbox> has no <ymax>")]
    public void A_Bad_Box_Names_Its_File_Line_And_Element(string box, string expected)
    {
        using var dir = new TempDir();

        var e = Load(dir, box);

        Assert.EndsWith(expected, e.Message);
    }

    [Fact]
    public void An_Xml_Name_With_Two_Numbers_Is_Not_Joined_Into_One_Frame()
    {
        using var dir = new TempDir();
        string seq = Path.Combine(dir.Path, "airplane", "01");
        Directory.CreateDirectory(Path.Combine(seq, "img"));
        File.WriteAllBytes(Path.Combine(seq, "img", "000001.png"), [0]);
        Directory.CreateDirectory(Path.Combine(seq, "det", "HBB"));
        File.WriteAllText(Path.Combine(seq, "det", "HBB", "f_2_v3.xml"), "<annotation/>");

        var e = Assert.Throws<AnnotationFormatException>(() => SatMtbFormat.Load(dir.Path));

        Assert.EndsWith("f_2_v3.xml: the file name holds no single frame number (expected e.g. 000001.xml)", e.Message);
    }
}
