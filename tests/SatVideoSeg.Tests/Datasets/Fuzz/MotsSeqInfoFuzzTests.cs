using System.Text;
using CsCheck;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>seqinfo.ini of a MOTS sequence: INI lines, each key once, sizes and lengths whole numbers in range.</summary>
public class MotsSeqInfoFuzzTests
{
    private const string File = "seqinfo.ini";

    private static readonly Gen<MotsSeqInfo> Infos =
        Gen.Select(Gen.String[Gen.Char['a', 'z'], 1, 10], Gen.Int[1, 4000], Gen.Int[1, 4000], Gen.Int[0, 10000], Gen.Int[0, 1], Gen.OneOf(10.0, 25, 29.97, 7.5), Gen.OneOf(".jpg", ".png"))
            .Select((name, w, h, length, frameBase, rate, ext) => new MotsSeqInfo(name, w, h, length, frameBase, rate, "img1", ext));

    private static ReferenceResult<MotsSeqInfo> Reference(string text)
    {
        var keys = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (n, line) in ReferenceText.Lines(text))
        {
            string t = line.Trim(' ', '\t');
            if (t.Length == 0 || t.StartsWith(';') || t.StartsWith('#') || (t.StartsWith('[') && t.EndsWith(']'))) continue;
            int eq = t.IndexOf('=');
            if (eq < 1) return ReferenceResult<MotsSeqInfo>.Error(n);
            if (!keys.TryAdd(t[..eq].Trim(' ', '\t'), (t[(eq + 1)..].Trim(' ', '\t'), n))) return ReferenceResult<MotsSeqInfo>.Error(n);
        }
        // Checked in the order the reader takes the keys: frameRate, name, imWidth, imHeight, seqLength, frameBase.
        double rate = 10;
        if (keys.TryGetValue("frameRate", out var fr) && ReferenceText.Decimal(fr.Value) is not > 0) return ReferenceResult<MotsSeqInfo>.Error(fr.Line);
        if (keys.TryGetValue("frameRate", out fr)) rate = ReferenceText.Decimal(fr.Value)!.Value;
        if (!keys.TryGetValue("name", out var name)) return ReferenceResult<MotsSeqInfo>.FileError();
        var ints = new List<int>();
        foreach (var (key, min, max, fallback) in new (string, int, int, int?)[] { ("imWidth", 1, int.MaxValue, null), ("imHeight", 1, int.MaxValue, null), ("seqLength", 0, int.MaxValue, null), ("frameBase", 0, 1, 1) })
        {
            if (!keys.TryGetValue(key, out var v))
            {
                if (fallback is null) return ReferenceResult<MotsSeqInfo>.FileError();
                ints.Add(fallback.Value);
                continue;
            }
            if (ReferenceText.Int(v.Value) is not int i || i < min || i > max) return ReferenceResult<MotsSeqInfo>.Error(v.Line);
            ints.Add(i);
        }
        string dir = keys.TryGetValue("imDir", out var d) ? d.Value : "img1", ext = keys.TryGetValue("imExt", out var x) ? x.Value : ".jpg";
        return ReferenceResult<MotsSeqInfo>.Ok([new MotsSeqInfo(name.Value, ints[0], ints[1], ints[2], ints[3], rate, dir, ext)]);
    }

    [Fact]
    public void Random_Infos_Read_Back_Equal()
    {
        Infos.Sample(info => Assert.Equal(info, MotsSeqInfo.Parse(File, info.Format())), iter: 2_000);
    }

    [Fact]
    public void Mutated_Infos_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Infos, Gen.Int, Gen.Bool).Sample((info, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(info.Format()), rng))
                : Mutation.Fieldwise(info.Format(), '=', rng);

            ReaderAgreement.Check(Reference(text), () => [MotsSeqInfo.Parse(File, text)], text);
        }, iter: 10_000);
    }
}
