using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>
/// Single-object ground truth (SatSOT, SV248S, most SOT sets; OOTB when oriented): data line k is
/// frame k and holds x,y,w,h (or x1,y1..x4,y4), separated by commas, semicolons or spaces/tabs
/// (one kind per file). Whole rows of -1, NaN or 0 mean "no box in this frame" and are counted
/// (<see cref="NoBoxRow"/>); any other row must be a box with a size.
/// </summary>
public sealed class SotGroundTruth
{
    /// <summary>Separators allowed, the first data line choosing one.</summary>
    public static IReadOnlyList<FieldSeparator> Separators { get; } = [FieldSeparator.Comma, FieldSeparator.Semicolon, FieldSeparator.Whitespace];

    private SotGroundTruth(IReadOnlyList<SotRow> rows, int frames, int noBoxRows)
    {
        Rows = rows;
        Frames = frames;
        NoBoxRows = noBoxRows;
    }

    /// <summary>The rows that hold a box.</summary>
    public IReadOnlyList<SotRow> Rows { get; }

    /// <summary>Data lines read (= frames annotated, boxes or not).</summary>
    public int Frames { get; }

    /// <summary>Rows that said "no box".</summary>
    public int NoBoxRows { get; }

    /// <summary>Reads a file of x,y,w,h rows, or of x1,y1..x4,y4 rows when <paramref name="oriented"/>.</summary>
    public static SotGroundTruth Read(string path, bool oriented) => From(AnnotationTextFile.Read(path, Separators, linesAreFrames: true), oriented);

    /// <summary>The same from a file already split.</summary>
    public static SotGroundTruth From(AnnotationTextFile file, bool oriented)
    {
        var rows = new List<SotRow>();
        int noBox = 0;
        for (int frame = 0; frame < file.Lines.Count; frame++)
        {
            var line = file.Lines[frame];
            if (oriented) line.RequireCount(8, 8, "x1,y1,x2,y2,x3,y3,x4,y4 per frame");
            else line.RequireCount(4, 4, "x,y,w,h per frame");
            if (NoBoxRow.Is(line))
            {
                noBox++;
                continue;
            }
            if (oriented)
            {
                var corners = BoxColumns.Corners(line, 0);
                rows.Add(new SotRow(frame, line.Number, BenchmarkBox.Enclosing(corners), corners, line.Written(0, 8)));
            }
            else
            {
                rows.Add(new SotRow(frame, line.Number, BoxColumns.Xywh(line, 0), null, line.Written(0, 4)));
            }
        }
        return new SotGroundTruth(rows, file.Lines.Count, noBox);
    }
}
