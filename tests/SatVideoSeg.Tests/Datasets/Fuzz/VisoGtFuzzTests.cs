using System.Text;
using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>VISO gt.txt, both variants: comma <c>frame,id,x,y,w,h,conf,cls,...</c> and space <c>frame id x1 y1 x2 y2</c>.</summary>
public class VisoGtFuzzTests
{
    private const string File = "gt.txt";

    // Comma rows hold x,y,w,h and space rows x1,y1,x2,y2, each in hundredths as the writer keeps them.
    private static readonly Gen<(bool Comma, ObjectClass Folder, BenchmarkBox[] Boxes)> Files =
        Gen.Select(Gen.Bool, Gen.OneOf(ObjectClass.Unknown, ObjectClass.Car, ObjectClass.Airplane),
                Gen.Select(Gen.Int[0, 30], Gen.Int[0, 40], Gen.Int[-500, 90000], Gen.Int[-500, 90000], Gen.Int[1, 5000], Gen.Int[1, 5000], Gen.Int[0, 4]).Array[0, 8])
            .Select((comma, folder, rows) => (comma, folder, rows.Select(r =>
            {
                var (f, id, x, y, w, h, c) = r;
                var box = comma ? new BoxXywh(x / 100.0, y / 100.0, w / 100.0, h / 100.0).ToXyxy() : new BoxXyxy(x / 100.0, y / 100.0, (x + w) / 100.0, (y + h) / 100.0);
                // Only the comma variant has a class column; the folder's class wins where it names one.
                return new BenchmarkBox(f, id, folder != ObjectClass.Unknown ? folder : comma ? (ObjectClass)c : ObjectClass.Unknown, box);
            }).ToArray()));

    private static IReadOnlyList<(int, int, ObjectClass, BoxXyxy)> Read(string text, ObjectClass folder) =>
        VisoFormat.ParseGt(File, text, folder).Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)).ToArray();

    private static ReferenceResult<(int, int, ObjectClass, BoxXyxy)> Reference(string text, ObjectClass folder)
    {
        var lines = ReferenceText.DataLines(text);
        bool comma = lines.Count > 0 && lines[0].Text.Contains(',');
        var split = lines.Select(l => (l.Number, Fields: comma ? ReferenceText.SplitOn(l.Text, ',') : ReferenceText.SplitWhitespace(l.Text))).ToList();
        // Space rows: a missing value shows only as a row shorter than the first.
        if (!comma && split.FirstOrDefault(s => s.Fields.Length != split[0].Fields.Length) is { Fields: not null } shorter)
            return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Error(shorter.Number);
        var rows = new List<(int, int, ObjectClass, BoxXyxy)>();
        foreach (var (n, f) in split)
        {
            if (f.Length < 6) return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Error(n);
            int? frame = ReferenceText.Int(f[0]), id = ReferenceText.Int(f[1]);
            BoxXyxy? box = comma ? ReferenceText.Xywh(f, 2) : Xyxy(f);
            bool conf = !comma || f.Length <= 6 || ReferenceText.Decimal(f[6]) is not null;
            int? cls = comma && f.Length > 7 ? ReferenceText.Int(f[7]) : 0;
            if (frame is not >= 1 || id is null || box is null || !conf || cls is null || !ReferenceText.AllDecimal(f, comma ? 8 : 6))
                return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Error(n);
            rows.Add((frame.Value - 1, id.Value, folder != ObjectClass.Unknown ? folder : ObjectClasses.FromId(cls.Value), box.Value));
        }
        return ReferenceResult<(int, int, ObjectClass, BoxXyxy)>.Ok(rows);
    }

    private static BoxXyxy? Xyxy(string[] f)
    {
        if (!ReferenceText.AllDecimal(f[2..6], 0)) return null;
        var v = f[2..6].Select(s => ReferenceText.Decimal(s)!.Value).ToArray();
        return v[2] > v[0] && v[3] > v[1] ? new BoxXyxy(v[0], v[1], v[2], v[3]) : null;
    }

    [Fact]
    public void Random_Gt_Files_Of_Either_Variant_Read_Back_To_The_Same_Boxes()
    {
        Files.Sample(f =>
        {
            var read = Read(VisoFormat.FormatGt(f.Boxes, f.Comma), f.Folder);

            Assert.Equal(f.Boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).Select(b => (b.FrameIndex, b.TrackId, b.Class, b.Box)), read);
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Gt_Files_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Files, Gen.Int, Gen.Bool).Sample((f, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string valid = VisoFormat.FormatGt(f.Boxes, f.Comma);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, f.Comma ? ',' : ' ', rng);

            ReaderAgreement.Check(Reference(text, f.Folder), () => Read(text, f.Folder), text);
        }, iter: 10_000);
    }
}
