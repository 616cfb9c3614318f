namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>What the reference parser says a file means: its records, or the line of the first error.</summary>
public sealed record ReferenceResult<T>(IReadOnlyList<T> Records, int ErrorLine)
{
    public static ReferenceResult<T> Ok(IReadOnlyList<T> records) => new(records, 0);

    public static ReferenceResult<T> Error(int line) => new([], line);

    public bool IsError => ErrorLine > 0;
}
