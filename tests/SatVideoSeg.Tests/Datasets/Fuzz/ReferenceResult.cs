namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>What the reference parser says a file means: its records, or the line of the first error (-1: an error of the whole file, such as a missing key).</summary>
public sealed record ReferenceResult<T>(IReadOnlyList<T> Records, int ErrorLine)
{
    public static ReferenceResult<T> Ok(IReadOnlyList<T> records) => new(records, 0);

    public static ReferenceResult<T> Error(int line) => new([], line);

    public static ReferenceResult<T> FileError() => new([], -1);

    public bool IsError => ErrorLine != 0;

    /// <summary>The line the reader's exception must name (0 for an error of the whole file).</summary>
    public int ExpectedExceptionLine => Math.Max(0, ErrorLine);
}
