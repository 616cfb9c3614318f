namespace SatVideoSeg.Datasets.Text;

/// <summary>
/// The "no box" rows of single-object ground truth (SOT, OOTB): every value -1, every value NaN,
/// or every value 0. Only these formats have them, and only as a whole row: a NaN among numbers
/// is an error, and -1 or 0 among other values is read as the number it is.
/// </summary>
public static class NoBoxRow
{
    /// <summary>True when the line is a whole no-box row; an error when NaN appears in a row that is not all NaN.</summary>
    public static bool Is(AnnotationLine line)
    {
        int nan = 0;
        bool allMinusOne = true, allZero = true;
        for (int k = 0; k < line.Count; k++)
        {
            if (IsNaN(line[k])) { nan++; allMinusOne = allZero = false; continue; }
            bool number = NumberText.TryDecimal(line[k], out double v);
            allMinusOne &= number && v == -1;
            allZero &= number && v == 0;
        }
        if (nan == line.Count) return true;
        if (nan > 0)
        {
            int first = Enumerable.Range(0, line.Count).First(k => IsNaN(line[k]));
            throw line.Error(first, "NaN marks a frame without a box only as a whole row of NaN");
        }
        return allMinusOne || allZero;
    }

    /// <summary>True for "NaN" in any letter case, as numpy and MATLAB write it.</summary>
    public static bool IsNaN(string field) => field.Equals("nan", StringComparison.OrdinalIgnoreCase);
}
