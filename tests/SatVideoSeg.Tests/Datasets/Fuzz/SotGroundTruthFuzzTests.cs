using System.Globalization;
using System.Text;
using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Fuzz;

/// <summary>
/// Single-object ground truth, x,y,w,h (SOT) and oriented x1,y1..x4,y4 (OOTB), as
/// <see cref="SotGroundTruth"/> reads it for `segment --boxes` and `convert --from sot|ootb`.
/// </summary>
public class SotGroundTruthFuzzTests
{
    private const string File = "groundtruth.txt";
    private static readonly char[] Separators = [',', '\t', ' ', ';'];

    // One box per annotated frame, in hundredths as the writer keeps them (4 decimals); oriented boxes get four free corners.
    private static readonly Gen<(int Frames, bool Oriented, char Separator, BenchmarkBox[] Boxes)> Files =
        Gen.Select(Gen.Int[0, 12], Gen.Bool, Gen.Int[0, 3], Gen.Int[-500, 90000].Array[8].Array[12], Gen.Int[1, 5000].Array[2].Array[12], Gen.Bool.Array[12])
            .Select((frames, oriented, sep, values, sizes, annotated) =>
            {
                var boxes = new List<BenchmarkBox>();
                for (int f = 0; f < frames; f++)
                {
                    if (!annotated[f]) continue;
                    var v = values[f].Select(x => x / 100.0).ToArray();
                    if (oriented)
                    {
                        var box = BenchmarkBox.Enclosing(v);
                        if (!box.IsEmpty) boxes.Add(new BenchmarkBox(f, 1, ObjectClass.Unknown, box) { Corners = v });
                    }
                    else
                    {
                        boxes.Add(new BenchmarkBox(f, 1, ObjectClass.Unknown, new BoxXywh(v[0], v[1], sizes[f][0] / 100.0, sizes[f][1] / 100.0).ToXyxy()));
                    }
                }
                return (frames, oriented, Separators[sep], boxes.ToArray());
            });

    private static string Write((int Frames, bool Oriented, char Separator, BenchmarkBox[] Boxes) f) =>
        SotFormat.Format(f.Frames, f.Boxes, f.Oriented ? BenchmarkLayout.Ootb : BenchmarkLayout.Sot, f.Separator);

    // Rows as comparable tuples, then one (-1, no-box rows) entry.
    private static IReadOnlyList<(int, int, BoxXyxy, string)> Read(string text, bool oriented)
    {
        var truth = SotGroundTruth.From(AnnotationTextFile.Parse(File, text, SotGroundTruth.Separators, linesAreFrames: true), oriented);
        return [.. truth.Rows.Select(r => (r.FrameIndex, r.Line, r.Box, Corners(r.Corners))), (-1, truth.NoBoxRows, default, "")];
    }

    private static string Corners(IEnumerable<double>? c) => c is null ? "" : string.Join(' ', c.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static ReferenceResult<(int, int, BoxXyxy, string)> Reference(string text, bool oriented)
    {
        if (ReferenceText.BlankBetweenRows(text) is int blank) return ReferenceResult<(int, int, BoxXyxy, string)>.Error(blank);
        var lines = ReferenceText.DataLines(text);
        var rows = new List<(int, int, BoxXyxy, string)>();
        int noBox = 0;
        string first = lines.Count > 0 ? lines[0].Text : "";
        for (int frame = 0; frame < lines.Count; frame++)
        {
            var (n, line) = lines[frame];
            var f = first.Contains(',') ? ReferenceText.SplitOn(line, ',') : first.Contains(';') ? ReferenceText.SplitOn(line, ';') : ReferenceText.SplitWhitespace(line);
            if (f.Length != (oriented ? 8 : 4)) return ReferenceResult<(int, int, BoxXyxy, string)>.Error(n);
            int nan = f.Count(s => s.Equals("nan", StringComparison.OrdinalIgnoreCase));
            if (nan == f.Length || f.All(s => ReferenceText.Decimal(s) == -1) || f.All(s => ReferenceText.Decimal(s) == 0)) { noBox++; continue; }
            if (nan > 0 || !ReferenceText.AllDecimal(f, 0)) return ReferenceResult<(int, int, BoxXyxy, string)>.Error(n);
            var v = f.Select(s => ReferenceText.Decimal(s)!.Value).ToArray();
            if (oriented)
            {
                double x0 = v.Where((_, k) => k % 2 == 0).Min(), x1 = v.Where((_, k) => k % 2 == 0).Max();
                double y0 = v.Where((_, k) => k % 2 == 1).Min(), y1 = v.Where((_, k) => k % 2 == 1).Max();
                if (x1 <= x0 || y1 <= y0) return ReferenceResult<(int, int, BoxXyxy, string)>.Error(n);
                rows.Add((frame, n, new BoxXyxy(x0, y0, x1, y1), Corners(v)));
            }
            else
            {
                if (ReferenceText.Xywh(f, 0) is not BoxXyxy box) return ReferenceResult<(int, int, BoxXyxy, string)>.Error(n);
                rows.Add((frame, n, box, ""));
            }
        }
        return ReferenceResult<(int, int, BoxXyxy, string)>.Ok([.. rows, (-1, noBox, default, "")]);
    }

    [Fact]
    public void Random_Ground_Truths_Written_By_The_Writer_Read_Back_With_Each_Frame_In_Its_Place()
    {
        Files.Sample(f =>
        {
            var read = Read(Write(f), f.Oriented);

            var expected = f.Boxes.Select(b => (b.FrameIndex, b.FrameIndex + 1, b.Box, Corners(b.Corners))).Append((-1, f.Frames - f.Boxes.Length, default, ""));
            Assert.Equal(expected, read);
        }, iter: 2_000);
    }

    [Fact]
    public void Mutated_Ground_Truths_Fail_At_The_Reference_Line_Or_Read_As_The_Reference_Reads_Them()
    {
        Gen.Select(Files, Gen.Int, Gen.Bool).Sample((f, seed, bytewise) =>
        {
            var rng = new Random(seed);
            string valid = Write(f);
            string text = bytewise
                ? AnnotationTextFile.Decode(Mutation.Bytewise(Encoding.UTF8.GetBytes(valid), rng))
                : Mutation.Fieldwise(valid, f.Separator, rng);

            ReaderAgreement.Check(Reference(text, f.Oriented), () => Read(text, f.Oriented), text);
        }, iter: 10_000);
    }
}
