using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.Text;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Text;

public class AnnotationTextFileTests
{
    [Theory]
    // Empty fields stay (they fail their column later); spaces around comma fields are not part of them.
    [InlineData("8,1,,413", FieldSeparator.Comma, new[] { "8", "1", "", "413" })]
    [InlineData(" 8 , 1 ,\t2", FieldSeparator.Comma, new[] { "8", "1", "2" })]
    [InlineData("8;1;;2", FieldSeparator.Semicolon, new[] { "8", "1", "", "2" })]
    // A run of spaces and tabs is one separator.
    [InlineData("  8 \t 1  2 ", FieldSeparator.Whitespace, new[] { "8", "1", "2" })]
    // MOTS: exactly one space, so two make an empty field.
    [InlineData("1  2", FieldSeparator.SingleSpace, new[] { "1", "", "2" })]
    public void Fields_Are_Split_Without_Dropping_Empty_Ones(string line, FieldSeparator separator, string[] expected) =>
        Assert.Equal(expected, AnnotationTextFile.Split(line, separator));

    [Fact]
    public void The_First_Data_Line_Chooses_The_Separator_And_Later_Lines_Keep_It()
    {
        var file = AnnotationTextFile.Parse("gt.txt", "# x y w h\n\n1 2 3 4\n5,6,7,8\n", [FieldSeparator.Comma, FieldSeparator.Whitespace]);

        Assert.Equal(FieldSeparator.Whitespace, file.Separator);
        Assert.Equal([3, 4], file.Lines.Select(l => l.Number));
        Assert.Equal(["5,6,7,8"], Enumerable.Range(0, file.Lines[1].Count).Select(k => file.Lines[1][k]));
    }

    [Fact]
    public void A_Carriage_Return_Ends_A_Line_Only_Before_A_Line_Feed()
    {
        var file = AnnotationTextFile.Parse("gt.txt", "1,2\r\n3\r4,5\r\n", [FieldSeparator.Comma]);

        Assert.Equal(2, file.Lines.Count);
        Assert.Equal("3\r4", file.Lines[1][0]);
        var e = Assert.Throws<AnnotationFormatException>(() => file.Lines[1].Integer(0, "frame"));
        Assert.Equal("gt.txt:2: column 1 ('3\\u000D4'): frame is not a whole number", e.Message);
    }

    [Fact]
    public void Streamed_Lines_Are_Numbered_As_Parsed_Lines_Are()
    {
        using var dir = new TempDir();
        string text = "a\r\nb\rc\n\nd";
        File.WriteAllText(dir.File("t.txt"), text);

        var streamed = AnnotationTextFile.StreamLines(dir.File("t.txt")).ToArray();

        Assert.Equal([(1, "a"), (2, "b\rc"), (3, ""), (4, "d")], streamed);
    }

    [Fact]
    public void A_Mots_File_With_A_Stray_Carriage_Return_Names_The_Line_An_Editor_Shows()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("gt.txt"), "1 1001 1 2 2 04\n2 1001 1 2\r2 2 04\n");

        var e = Assert.Throws<AnnotationFormatException>(() => MotsFormat.ReadFile(dir.File("gt.txt")).ToList());

        Assert.Equal(2, e.Line);
        Assert.Contains("column 4 ('2\\u000D2')", e.Message);
    }
}
