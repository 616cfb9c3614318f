using System.Text;
using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>MOT box files (<see cref="BoxFileReader"/>, also the generic MOT benchmark): round trips and mutations.</summary>
public class MotBoxFileFuzzTests
{
    private const string File = "boxes.txt";

    // (frame index, id, class, box) as written by MotBoxWriter; coordinates in hundredths, as it writes them.
    private static readonly Gen<(int Frame, int Id, ObjectClass Class, BoxXyxy Box)[]> Rows =
        Gen.Select(Gen.Int[0, 30], Gen.Int[1, 40], Gen.Int[-500, 90000], Gen.Int[-500, 90000], Gen.Int[1, 5000], Gen.Int[1, 5000], Gen.Int[0, 4])
            .Select((f, id, x, y, w, h, c) => (f, id, (ObjectClass)c, new BoxXywh(x / 100.0, y / 100.0, w / 100.0, h / 100.0).ToXyxy()))
            .Array[0, 8]
            .Select(rows => rows.DistinctBy(r => (r.Item1, r.Item2)).ToArray());

    private static string Write(IEnumerable<(int Frame, int Id, ObjectClass Class, BoxXyxy Box)> rows) =>
        string.Concat(rows.Select(r => MotBoxWriter.FormatLine(r.Frame, r.Id, r.Box, (int)r.Class) + "\n"));

    private static IReadOnlyList<(int, int, ObjectClass, BoxXyxy, int)> Flatten(BoxAnnotations boxes) =>
        boxes.Frames.SelectMany(boxes.ForFrame).Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box, b.Line)).ToArray();

    /// <summary>The reference reading of a MOT file: rows in frame order, file order within a frame.</summary>
    private static ReferenceResult<(int, int, ObjectClass, BoxXyxy, int)> Reference(string text, bool ignoreIds)
    {
        var rows = new List<(int, int, ObjectClass, BoxXyxy, int)>();
        var seen = new HashSet<(int, int)>();
        foreach (var (n, line) in ReferenceText.DataLines(text))
        {
            var f = ReferenceText.SplitOn(line, ',');
            if (f.Length is < 6 or > 10) return ReferenceResult<(int, int, ObjectClass, BoxXyxy, int)>.Error(n);
            int? frame = ReferenceText.Int(f[0]);
            int? id = ignoreIds ? (ReferenceText.IsWhole(f[1]) ? -1 : null) : ReferenceText.Int(f[1]);
            var box = ReferenceText.Xywh(f, 2);
            int? cls = f.Length > 7 ? ReferenceText.Int(f[7]) : 0;
            bool conf = f.Length <= 6 || ReferenceText.Decimal(f[6]) is not null;
            if (frame is not >= 1 || id is null || box is null || cls is null || !conf || !ReferenceText.AllDecimal(f, 8))
                return ReferenceResult<(int, int, ObjectClass, BoxXyxy, int)>.Error(n);
            if (id >= 0 && !seen.Add((frame.Value, id.Value))) return ReferenceResult<(int, int, ObjectClass, BoxXyxy, int)>.Error(n);
            rows.Add((frame.Value - 1, id.Value, ObjectClasses.FromId(cls.Value), box.Value, n));
        }
        return ReferenceResult<(int, int, ObjectClass, BoxXyxy, int)>.Ok(rows.OrderBy(r => r.Item1).ToArray());
    }

    [Fact]
    public void Random_Files_Written_By_The_Writer_Read_Back_To_The_Same_Boxes()
    {
        Rows.Sample(rows =>
        {
            var boxes = BoxFileReader.Parse(File, Write(rows), BoxFileFormat.Mot);

            var expected = rows.Select((r, i) => (r.Frame, r.Id, r.Class, r.Box, i + 1)).OrderBy(r => r.Frame).ToArray();
            Assert.Equal(expected, Flatten(boxes));
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Files_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Rows, Gen.Int, Gen.Bool, Gen.Bool).Sample((rows, seed, bytewise, ignoreIds) =>
        {
            var rng = new Random(seed);
            string valid = Write(rows);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, ',', rng);

            ReaderAgreement.Check(Reference(text, ignoreIds), () => Flatten(BoxFileReader.Parse(File, text, BoxFileFormat.Mot, ignoreIds)), text);
        }, iter: 10_000);
    }
}
