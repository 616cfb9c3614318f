namespace SatVideoSeg.Datasets.Text;

/// <summary>
/// The one tokenizer of every text annotation format: reads a file as UTF-8, splits lines on '\n'
/// only (a stray '\r' stays in its field and is reported there), skips '#' comments and blank
/// lines, and splits each data line by the file's separator without dropping empty fields.
/// The separator is the format's when it has one, else chosen from the first data line among
/// those the format allows; every later line is split by the same one, so a foreign separator
/// ends up inside a field and fails that field's check.
/// </summary>
public sealed class AnnotationTextFile
{
    private static readonly char[] SpaceOrTab = [' ', '\t'];

    private AnnotationTextFile(string path, FieldSeparator separator, IReadOnlyList<AnnotationLine> lines)
    {
        Path = path;
        Separator = separator;
        Lines = lines;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The separator its lines were split by.</summary>
    public FieldSeparator Separator { get; }

    /// <summary>The data lines, in file order.</summary>
    public IReadOnlyList<AnnotationLine> Lines { get; }

    /// <summary>
    /// Reads a file whose lines may use any of <paramref name="allowed"/> (the first data line
    /// decides). <paramref name="linesAreFrames"/>: data line k is frame k (SOT), so a blank line
    /// between data lines would shift every later frame and is an error.
    /// </summary>
    public static AnnotationTextFile Read(string path, IReadOnlyList<FieldSeparator> allowed, bool linesAreFrames = false)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        return Parse(path, Decode(File.ReadAllBytes(path)), allowed, linesAreFrames);
    }

    /// <summary>
    /// A file's bytes as text, exactly as <see cref="File.ReadAllText(string)"/> decodes them: UTF-8
    /// unless a byte-order mark says otherwise; bytes that are not UTF-8 become U+FFFD, which no
    /// field accepts.
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The lines of a file streamed (for files too long to hold, such as MOTS), numbered from 1 and
    /// split on '\n' only with one trailing '\r' removed, as <see cref="Parse"/> splits them, so
    /// line numbers agree with editors and with the other readers.
    /// </summary>
    public static IEnumerable<(int Number, string Text)> StreamLines(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = new System.Text.StringBuilder();
        var buffer = new char[64 * 1024];
        int number = 0, read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    line.Append(buffer[i]);
                    continue;
                }
                yield return (++number, WithoutCarriageReturn(line));
                line.Clear();
            }
        }
        if (line.Length > 0) yield return (++number, WithoutCarriageReturn(line));
    }

    private static string WithoutCarriageReturn(System.Text.StringBuilder line) =>
        line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();

    /// <summary>The same from text already read (tests, and files read once for several purposes).</summary>
    public static AnnotationTextFile Parse(string path, string text, IReadOnlyList<FieldSeparator> allowed, bool linesAreFrames = false)
    {
        var raw = text.Split('\n');
        FieldSeparator? separator = null;
        var lines = new List<AnnotationLine>();
        int blank = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            string line = raw[i].EndsWith('\r') ? raw[i][..^1] : raw[i];
            if (IsBlank(line))
            {
                if (blank == 0) blank = i + 1;
                continue;
            }
            if (IsComment(line)) continue;
            if (linesAreFrames && blank > 0 && lines.Count > 0)
                throw new AnnotationFormatException(path, blank, "blank line between rows: line k of this file is frame k, so it would shift every later frame; write a no-box row (-1,-1,-1,-1) for a frame without a box");
            blank = 0;
            separator ??= Choose(line, allowed);
            lines.Add(new AnnotationLine(path, i + 1, Split(line, separator.Value)));
        }
        return new AnnotationTextFile(path, separator ?? allowed[0], lines);
    }

    /// <summary>Requires every line to hold as many fields as the first (whitespace-separated files, where a missing value cannot show as an empty field).</summary>
    public void RequireSameCount(string layout)
    {
        if (Lines.Count == 0) return;
        int n = Lines[0].Count;
        foreach (var l in Lines)
            if (l.Count != n) throw l.Error($"{l.Count} fields where line {Lines[0].Number} has {n} ({layout}): a value is missing or extra");
    }

    /// <summary>The separator of a line: the first of <paramref name="allowed"/> whose character it holds (whitespace last).</summary>
    public static FieldSeparator Choose(string line, IReadOnlyList<FieldSeparator> allowed)
    {
        foreach (var s in allowed)
        {
            if (s == FieldSeparator.Comma && line.Contains(',')) return s;
            if (s == FieldSeparator.Semicolon && line.Contains(';')) return s;
        }
        foreach (var s in allowed)
            if (s is FieldSeparator.Whitespace or FieldSeparator.SingleSpace) return s;
        return allowed[0];
    }

    /// <summary>Splits a line; empty fields are kept (except between whitespace runs, which are one separator).</summary>
    public static string[] Split(string line, FieldSeparator separator) => separator switch
    {
        FieldSeparator.Comma => line.Split(',').Select(f => f.Trim(SpaceOrTab)).ToArray(),
        FieldSeparator.Semicolon => line.Split(';').Select(f => f.Trim(SpaceOrTab)).ToArray(),
        FieldSeparator.Whitespace => line.Split(SpaceOrTab, StringSplitOptions.RemoveEmptyEntries),
        FieldSeparator.SingleSpace => line.Split(' '),
        _ => throw new ArgumentOutOfRangeException(nameof(separator), separator, null),
    };

    /// <summary>True for lines of spaces and tabs only (other whitespace, such as NUL or form feed, is data and fails its field).</summary>
    public static bool IsBlank(string line) => line.AsSpan().Trim(" \t").IsEmpty;

    /// <summary>True for lines whose first non-blank character is '#'.</summary>
    public static bool IsComment(string line) => line.AsSpan().TrimStart(" \t").StartsWith("#");
}
