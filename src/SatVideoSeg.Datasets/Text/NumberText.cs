using System.Globalization;

namespace SatVideoSeg.Datasets.Text;

/// <summary>
/// The number grammar of our text readers, stricter than <see cref="double.TryParse(string?, out double)"/>:
/// decimals are <c>[+-]digits[.digits][e[+-]digits]</c> (or <c>.5</c>) and finite; whole numbers
/// are <c>[+-]digits</c>, optionally followed by <c>.</c> and zeros ("7.000", as numpy writes ids).
/// No NaN, Infinity, hex, thousands separators, inner whitespace or culture-specific forms.
/// </summary>
public static class NumberText
{
    /// <summary>True when <paramref name="text"/> is a decimal number in the grammar above (finiteness not checked).</summary>
    public static bool IsDecimal(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-') i++;
        int whole = Digits(text, ref i), fraction = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fraction = Digits(text, ref i);
        }
        if (whole + fraction == 0) return false;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            if (Digits(text, ref i) == 0) return false;
        }
        return i == text.Length;
    }

    /// <summary>True when <paramref name="text"/> is a whole number: sign, digits, optionally '.' and zeros.</summary>
    public static bool IsWhole(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-') i++;
        if (Digits(text, ref i) == 0) return false;
        if (i < text.Length && text[i] == '.')
            for (i++; i < text.Length && text[i] == '0'; i++) { }
        return i == text.Length;
    }

    /// <summary>Parses a decimal in the grammar; false for anything else and for values beyond double's range.</summary>
    public static bool TryDecimal(string text, out double value)
    {
        value = 0;
        if (!IsDecimal(text)) return false;
        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value);
    }

    /// <summary>Parses a whole number in the grammar that fits an <see cref="int"/>.</summary>
    public static bool TryInt(string text, out int value)
    {
        value = 0;
        if (!IsWhole(text)) return false;
        int dot = text.IndexOf('.');
        return int.TryParse(dot < 0 ? text : text[..dot], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static int Digits(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return i - start;
    }
}
