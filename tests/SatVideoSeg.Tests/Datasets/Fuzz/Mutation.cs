using System.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>
/// Random damage to a valid annotation file, as users' files get damaged: bytes replaced, inserted
/// or deleted (NUL, 0xFF, separators, signs, letters), fields replaced by tricky tokens, emptied,
/// dropped or doubled, lines doubled, dropped or split by blank lines and comments.
/// </summary>
public static class Mutation
{
    private static readonly byte[] Bytes = Encoding.ASCII.GetBytes("0123456789,; \t\n\r.-+eEaNnif#x").Concat(new byte[] { 0x00, 0xFF, 0xC3, 0xA0, 0x7F }).ToArray();

    /// <summary>Tokens that a lax parser takes for numbers, or that shift columns.</summary>
    public static readonly string[] Tokens =
    [
        "", " ", "NaN", "nan", "NAN", "-nan", "inf", "-inf", "Infinity", "∞", "1e30", "1e400", "-1e400", "1e-400", "-1", "0", "-0", "+3", ".5", "5.", "7.0",
        "7.000", "7.5", "1,5", "1;5", "1 5", "1\t5", "0x1F", "1_000", "\u0663", "\uFF11", "\u00A05", "5\0", "\uFFFD", "E", "e5", "1e", "--1", "99999999999",
        "2147483647", "2147483648", "-2147483648", "#", "1e5", "1001", "2005", "-1000",
    ];

    /// <summary>The file with 1 to 3 byte edits.</summary>
    public static byte[] Bytewise(byte[] bytes, Random rng)
    {
        var list = bytes.ToList();
        for (int n = rng.Next(1, 4); n > 0; n--)
        {
            byte b = rng.Next(4) == 0 ? (byte)rng.Next(256) : Bytes[rng.Next(Bytes.Length)];
            int at = rng.Next(list.Count + 1);
            switch (rng.Next(3))
            {
                case 0 when at < list.Count: list[at] = b; break;
                case 1 when at < list.Count: list.RemoveAt(at); break;
                default: list.Insert(at, b); break;
            }
        }
        return [.. list];
    }

    /// <summary>The text with 1 to 2 field or line edits; fields are found by <paramref name="separator"/>.</summary>
    public static string Fieldwise(string text, char separator, Random rng)
    {
        var lines = text.Split('\n').ToList();
        for (int n = rng.Next(1, 3); n > 0; n--)
        {
            int at = rng.Next(lines.Count);
            int op = rng.Next(9);
            if (op <= 5)
            {
                var fields = lines[at].Split(separator).ToList();
                int k = rng.Next(fields.Count);
                if (op <= 2) fields[k] = Tokens[rng.Next(Tokens.Length)];
                else if (op == 3) fields.RemoveAt(k);
                else if (op == 4) fields.Insert(k, fields[k]);
                else fields[k] = "";
                lines[at] = string.Join(separator, fields);
            }
            else if (op == 6) lines.Insert(at, rng.Next(2) == 0 ? "" : lines[at]);
            else if (op == 7) lines.Insert(at, rng.Next(2) == 0 ? "# comment" : " \t");
            else if (lines.Count > 1) lines.RemoveAt(at);
        }
        return string.Join('\n', lines);
    }
}
