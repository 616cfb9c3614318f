using System.Text;
using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>MOTS txt lines (<c>time_frame obj_id class_id img_height img_width rle</c>) and the class map written beside them.</summary>
public class MotsFuzzTests
{
    private const string File = "gt.txt";

    // A random mask of a small frame, written as MotsFormat writes it.
    private static readonly Gen<(int Frame, int Id, ObjectClass Class, int FrameBase, CocoRle Rle)> Lines =
        Gen.Select(Gen.Int[0, 500], Gen.Int[1, 999], Gen.Int[0, 4], Gen.Int[0, 1], Gen.Int[1, 9], Gen.Int[1, 9], Gen.Int)
            .Select((frame, id, c, frameBase, h, w, seed) =>
            {
                var rng = new Random(seed);
                var full = new byte[w * h];
                for (int i = 0; i < full.Length; i++) full[i] = (byte)(rng.Next(3) == 0 ? 1 : 0);
                return (frame, id, (ObjectClass)c, frameBase, CocoRle.Encode(BitMask.FromFullFrame(full, w, h)));
            });

    private static (int, int, ObjectClass, string) Record(MotsRecord r) =>
        (r.FrameIndex, r.TrackId, r.Class, $"{r.Rle.Height}x{r.Rle.Width}:{string.Join(',', r.Rle.Counts)}");

    private static ReferenceResult<(int, int, ObjectClass, string)> Reference(string line, int frameBase)
    {
        var f = line.Split(' ');
        if (f.Length != 6 || f[..5].Any(s => ReferenceText.Int(s) is null)) return ReferenceResult<(int, int, ObjectClass, string)>.Error(1);
        var v = f[..5].Select(s => ReferenceText.Int(s)!.Value).ToArray();
        int frame = v[0] - frameBase, objId = v[1], classId = v[2], h = v[3], w = v[4];
        if (frame < 0 || objId < 0 || objId / 1000 != classId || h < 1 || w < 1) return ReferenceResult<(int, int, ObjectClass, string)>.Error(1);
        CocoRle rle;
        try
        {
            rle = CocoRle.FromCompressedString(f[5], h, w);
        }
        catch (FormatException)
        {
            return ReferenceResult<(int, int, ObjectClass, string)>.Error(1);
        }
        var cls = classId is >= 0 and <= 4 ? (ObjectClass)classId : ObjectClass.Unknown;
        return ReferenceResult<(int, int, ObjectClass, string)>.Ok([(frame, objId % 1000, cls, $"{h}x{w}:{string.Join(',', rle.Counts)}")]);
    }

    [Fact]
    public void Random_Lines_Read_Back_To_The_Same_Frame_Id_Class_And_Runs()
    {
        Lines.Sample(l =>
        {
            string line = MotsFormat.FormatLine(l.Frame, l.Id, l.Class, l.Rle, l.FrameBase);

            var r = MotsFormat.ParseLine(File, 1, line, l.FrameBase);

            Assert.Equal((l.Frame, l.Id, l.Class, $"{l.Rle.Height}x{l.Rle.Width}:{string.Join(',', l.Rle.Counts)}"), Record(r));
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Lines_Fail_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Lines, Gen.Int, Gen.Bool).Sample((l, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string valid = MotsFormat.FormatLine(l.Frame, l.Id, l.Class, l.Rle, l.FrameBase);
            string line = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, ' ', rng);

            ReaderAgreement.Check(Reference(line, l.FrameBase), () => [Record(MotsFormat.ParseLine(File, 1, line, l.FrameBase))], line);
        }, iter: 10_000);
    }

    private static readonly Gen<(int Id, string Name)[]> ClassMaps =
        Gen.Select(Gen.Int[-5, 20], Gen.String[Gen.Char['a', 'z'], 1, 8]).Array[0, 8].Select(e => e.DistinctBy(x => x.Item1).ToArray());

    private static string Write((int Id, string Name)[] entries) => string.Concat(entries.Select(e => $"{e.Id} {e.Name}\n"));

    private static ReferenceResult<(int, string)> ClassMapReference(string text)
    {
        var map = new Dictionary<int, string>();
        foreach (var (n, line) in ReferenceText.Lines(text))
        {
            if (ReferenceText.IsBlank(line)) continue;
            int space = line.IndexOf(' ');
            if (space < 0 || ReferenceText.Int(line[..space]) is not int id) return ReferenceResult<(int, string)>.Error(n);
            string name = line[(space + 1)..].Trim(' ', '\t');
            if (name.Length == 0 || !map.TryAdd(id, name)) return ReferenceResult<(int, string)>.Error(n);
        }
        return ReferenceResult<(int, string)>.Ok(map.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)).ToArray());
    }

    [Fact]
    public void The_Class_Map_Written_Reads_Back_As_The_Entries()
    {
        using var dir = new Support.TempDir();
        MotsClassMap.Save(dir.File(MotsClassMap.FileName));

        var map = MotsClassMap.Load(dir.File(MotsClassMap.FileName));

        Assert.Equal(MotsClassMap.Entries.Select(e => (e.Id, e.Name)), map.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Mutated_Class_Maps_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(ClassMaps, Gen.Int, Gen.Bool).Sample((entries, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string valid = Write(entries);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, ' ', rng);

            ReaderAgreement.Check(ClassMapReference(text), () => MotsClassMap.Parse(File, text).OrderBy(e => e.Key).Select(e => (e.Key, e.Value)).ToArray(), text);
        }, iter: 10_000);
    }
}
