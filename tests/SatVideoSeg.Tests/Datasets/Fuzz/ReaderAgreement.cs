using SatVideoSeg.Datasets;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>The property every fuzz test checks: the reader returns exactly the reference's records, or fails with the reference's line.</summary>
public static class ReaderAgreement
{
    public static void Check<T>(ReferenceResult<T> expected, Func<IReadOnlyList<T>> read, string input)
    {
        IReadOnlyList<T> actual;
        try
        {
            actual = read();
        }
        catch (AnnotationFormatException e)
        {
            Assert.True(expected.IsError, $"the reader refused a file the reference reads ({e.Message}):\n{Visible(input)}");
            Assert.True(e.Line == expected.ExpectedExceptionLine, $"the reader names line {e.Line}, the reference line {expected.ErrorLine} ({e.Message}):\n{Visible(input)}");
            return;
        }
        Assert.False(expected.IsError, $"the reader accepted a file the reference refuses at line {expected.ErrorLine}:\n{Visible(input)}");
        Assert.True(expected.Records.SequenceEqual(actual), $"the reader read\n  {string.Join("\n  ", actual)}\nthe reference\n  {string.Join("\n  ", expected.Records)}\nfrom:\n{Visible(input)}");
    }

    private static string Visible(string text) => SatVideoSeg.Datasets.Text.AnnotationLine.Shown(text.Replace("\n", "⏎")).Replace("\\u23CE", "\n");
}
