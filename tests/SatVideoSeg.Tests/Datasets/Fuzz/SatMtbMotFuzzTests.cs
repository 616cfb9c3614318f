using System.Text;
using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>SAT-MTB mot/&lt;NN&gt;.txt: <c>frame,id,x,y,w,h,?,cls</c> with cls 0 car, 1 airplane, 2 ship, 3 train.</summary>
public class SatMtbMotFuzzTests
{
    private const string File = "07.txt";

    private static readonly Gen<(ObjectClass Folder, BenchmarkBox[] Boxes)> Files =
        Gen.Select(Gen.OneOf(ObjectClass.Unknown, ObjectClass.Ship),
                Gen.Select(Gen.Int[0, 30], Gen.Int[0, 40], Gen.Int[-500, 90000], Gen.Int[-500, 90000], Gen.Int[1, 5000], Gen.Int[1, 5000], Gen.Int[0, 4]).Array[0, 8])
            .Select((folder, rows) => (folder, rows.Select(r =>
            {
                var (f, id, x, y, w, h, c) = r;
                var cls = (ObjectClass)c;
                // Unknown is written as cls -1, which reads back as the folder's class.
                return new BenchmarkBox(f, id, cls == ObjectClass.Unknown ? folder : cls, new BoxXywh(x / 100.0, y / 100.0, w / 100.0, h / 100.0).ToXyxy());
            }).ToArray()));

    private static IReadOnlyList<(int, int, ObjectClass, BoxXyxy)> Read(string text, ObjectClass folder) =>
        SatMtbFormat.ParseMot(File, text, folder).Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)).ToArray();

    private static ReferenceResult<(int, int, ObjectClass, BoxXyxy)> Reference(string text, ObjectClass folder)
    {
        var rows = new List<(int, int, ObjectClass, BoxXyxy)>();
        foreach (var (n, line) in ReferenceText.DataLines(text))
        {
            var f = ReferenceText.SplitOn(line, ',');
            if (f.Length is < 6 or > 10) return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Error(n);
            int? frame = ReferenceText.Int(f[0]), id = ReferenceText.Int(f[1]);
            var box = ReferenceText.Xywh(f, 2);
            int? cls = f.Length > 7 ? ReferenceText.Int(f[7]) : -1;
            if (frame is not >= 1 || id is null || box is null || cls is null || !ReferenceText.AllDecimal(f, 6))
                return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Error(n);
            var c = cls switch { 0 => ObjectClass.Car, 1 => ObjectClass.Airplane, 2 => ObjectClass.Ship, 3 => ObjectClass.Train, _ => folder };
            rows.Add((frame.Value - 1, id.Value, c, box.Value));
        }
        return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Ok(rows);
    }

    [Fact]
    public void Random_Mot_Files_Read_Back_To_The_Same_Boxes()
    {
        Files.Sample(f =>
        {
            var read = Read(SatMtbFormat.FormatMot(f.Boxes), f.Folder);

            Assert.Equal(f.Boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)), read);
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Mot_Files_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Files, Gen.Int, Gen.Bool).Sample((f, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string valid = SatMtbFormat.FormatMot(f.Boxes);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, ',', rng);

            ReaderAgreement.Check(Reference(text, f.Folder), () => Read(text, f.Folder), text);
        }, iter: 10_000);
    }
}
