namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// One sequence of a benchmark: where its frames are and every annotated box, in file order.
/// </summary>
/// <param name="Name">Sequence name used for outputs: the folder path below the root with '/' replaced by '-' ("car-01").</param>
/// <param name="FramesFolder">Folder of the frame images (natural order = frame order).</param>
/// <param name="AnnotationFile">The main annotation file read (for error messages and the report).</param>
/// <param name="Layout">The layout it was read as.</param>
/// <param name="Boxes">Annotated boxes; frame indices are 0-based.</param>
public sealed record BenchmarkSequence(string Name, string FramesFolder, string AnnotationFile, BenchmarkLayout Layout, IReadOnlyList<BenchmarkBox> Boxes)
{
    /// <summary>Rows of the annotation that said "no box in this frame" (SOT and OOTB whole rows of -1, NaN or 0).</summary>
    public int NoBoxRows { get; init; }

    /// <summary>Makes an output-safe sequence name from a path relative to the root.</summary>
    public static string NameFrom(string relativePath) =>
        string.Join('-', relativePath.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries));
}
