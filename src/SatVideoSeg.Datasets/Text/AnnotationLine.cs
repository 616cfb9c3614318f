using System.Globalization;
using System.Text;

namespace SatVideoSeg.Datasets.Text;

/// <summary>
/// One data line of a text annotation file split into its fields, with typed accessors that check
/// each field for its column. Every problem is an <see cref="AnnotationFormatException"/> worded
/// <c>file:line: column N ('value'): problem</c>, the value shown as written in the file.
/// Column indices passed in are 0-based; messages count columns from 1, as editors do.
/// </summary>
public sealed class AnnotationLine
{
    private readonly string[] _fields;

    /// <summary>A line of <paramref name="file"/> at 1-based <paramref name="number"/>, already split.</summary>
    public AnnotationLine(string file, int number, string[] fields)
    {
        File = file;
        Number = number;
        _fields = fields;
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Number { get; }

    /// <summary>Number of fields.</summary>
    public int Count => _fields.Length;

    /// <summary>The field at a 0-based index, as written (spaces around it removed).</summary>
    public string this[int index] => _fields[index];

    /// <summary>An error about the whole line.</summary>
    public AnnotationFormatException Error(string problem) => new(File, Number, problem);

    /// <summary>An error about one field: <c>column N ('value'): problem</c>.</summary>
    public AnnotationFormatException Error(int index, string problem) =>
        new(File, Number, $"column {index + 1} ('{Shown(_fields[index])}'): {problem}");

    /// <summary>Requires between <paramref name="min"/> and <paramref name="max"/> fields; <paramref name="layout"/> says what a row holds.</summary>
    public void RequireCount(int min, int max, string layout)
    {
        if (Count >= min && Count <= max) return;
        string expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
        throw Error($"expected {expected} fields ({layout}), got {Count}");
    }

    /// <summary>A finite decimal number (<see cref="NumberText"/>); <paramref name="name"/> names the column.</summary>
    public double Decimal(int index, string name)
    {
        string s = _fields[index];
        if (NumberText.TryDecimal(s, out double v)) return v;
        if (s.Length == 0) throw Error(index, $"{name} is empty");
        if (NumberText.IsDecimal(s)) throw Error(index, $"{name} is beyond the range of numbers");
        throw Error(index, $"{name} is not a finite decimal number");
    }

    /// <summary>A whole number that fits an int ("7" or "7.0").</summary>
    public int Integer(int index, string name)
    {
        string s = _fields[index];
        if (NumberText.TryInt(s, out int v)) return v;
        if (s.Length == 0) throw Error(index, $"{name} is empty");
        if (NumberText.IsWhole(s)) throw Error(index, $"{name} is beyond {int.MinValue}..{int.MaxValue}");
        throw Error(index, $"{name} is not a whole number");
    }

    /// <summary>Checks that a field is a whole number of any size without reading it (a column whose value is not used).</summary>
    public void RequireWhole(int index, string name)
    {
        if (NumberText.IsWhole(_fields[index])) return;
        throw Error(index, _fields[index].Length == 0 ? $"{name} is empty" : $"{name} is not a whole number");
    }

    /// <summary>The fields from <paramref name="start"/> on, as written, joined by <paramref name="separator"/> (for messages).</summary>
    public string Written(int start, int count, string separator = ",") => string.Join(separator, _fields.Skip(start).Take(count));

    /// <summary>A value as it appears in a message: printable ASCII as is, anything else escaped (\u0000, \uFFFD for undecodable bytes).</summary>
    public static string Shown(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is >= ' ' and <= '~' and not '\\') sb.Append(c);
            else sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return sb.ToString();
    }
}
