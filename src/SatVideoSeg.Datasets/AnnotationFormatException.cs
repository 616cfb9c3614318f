namespace SatVideoSeg.Datasets;

/// <summary>A malformed annotation file; the message names the file and line ("boxes.txt:12: ...").</summary>
public sealed class AnnotationFormatException : Exception
{
    /// <summary>Creates the error for a file and 1-based line (0 when not line-specific).</summary>
    public AnnotationFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>1-based line number, 0 when the problem is not on one line.</summary>
    public int Line { get; }
}
