using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// VISO: <c>&lt;cat&gt;/&lt;seq&gt;/img/000001.jpg</c> + <c>&lt;cat&gt;/&lt;seq&gt;/gt/gt.txt</c>, 1-based frames.
/// Two variants, told apart per file by the first data line: comma-separated
/// <c>frame,id,x,y,w,h,conf,cls,...</c> (car, train) and space-separated <c>frame id x1 y1 x2 y2 ...</c>
/// (plane, ship); every row of a space-variant file holds as many fields as the first. Every
/// field is checked (numbers finite, ids and classes whole, boxes with a size). The class comes
/// from the category folder name; where that names none, the comma variant's cls column is read
/// as our class id (1 airplane, 2 ship, 3 train, 4 car).
/// </summary>
public static class VisoFormat
{
    /// <summary>Reads every <c>&lt;cat&gt;/&lt;seq&gt;</c> sequence under the root, in ordinal order.</summary>
    public static IReadOnlyList<BenchmarkSequence> Load(string root)
    {
        return FramesFolder.CategorySequences(root, IsSequence).Select(folder => LoadSequence(root, folder)).ToList();
    }

    /// <summary>True when a folder holds <c>gt/gt.txt</c>.</summary>
    public static bool IsSequence(string folder) => File.Exists(Path.Combine(folder, "gt", "gt.txt"));

    /// <summary>Reads one sequence folder.</summary>
    public static BenchmarkSequence LoadSequence(string root, string folder)
    {
        string file = Path.Combine(folder, "gt", "gt.txt");
        var folderClass = ClassNames.FromLabel(Path.GetFileName(Path.GetDirectoryName(folder)!));
        var boxes = ParseGt(file, AnnotationTextFile.Decode(File.ReadAllBytes(file)), folderClass);
        string frames = FramesFolder.Find(folder) ?? Path.Combine(folder, "img");
        return new BenchmarkSequence(BenchmarkSequence.NameFrom(Path.GetRelativePath(root, folder)), frames, file, BenchmarkLayout.Viso,
            boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).ToArray());
    }

    /// <summary>
    /// Reads the text of a gt.txt (<paramref name="file"/> names it in messages): the variant from
    /// its first data line; boxes in file order with 0-based frames and <paramref name="folderClass"/>
    /// (or, when that is Unknown, the comma variant's cls column).
    /// </summary>
    public static IReadOnlyList<BenchmarkBox> ParseGt(string file, string text, ObjectClass folderClass)
    {
        var gt = AnnotationTextFile.Parse(file, text, [FieldSeparator.Comma, FieldSeparator.Whitespace]);
        bool comma = gt.Separator == FieldSeparator.Comma;
        // A run of spaces is one separator, so only a count that differs from the first row shows a missing value.
        if (!comma) gt.RequireSameCount("frame id x1 y1 x2 y2 ...");
        var boxes = new List<BenchmarkBox>();
        foreach (var line in gt.Lines)
        {
            line.RequireCount(6, int.MaxValue, comma ? "frame,id,x,y,w,h,conf,cls,..." : "frame id x1 y1 x2 y2 ...");
            int frame = line.Integer(0, "frame");
            if (frame < 1) throw line.Error(0, "VISO frames are 1-based");
            int id = line.Integer(1, "id");
            var box = comma ? BoxColumns.Xywh(line, 2) : BoxColumns.Xyxy(line, 2);
            var cls = folderClass;
            if (comma && line.Count > 6) line.Decimal(6, "conf");
            if (comma && line.Count > 7)
            {
                int id7 = line.Integer(7, "cls");
                if (cls == ObjectClass.Unknown) cls = ObjectClasses.FromId(id7);
            }
            for (int k = comma ? 8 : 6; k < line.Count; k++) line.Decimal(k, "extra column");
            boxes.Add(new BenchmarkBox(frame - 1, id, cls, box));
        }
        return boxes;
    }

    /// <summary>
    /// Writes <c>&lt;root&gt;/&lt;category&gt;/&lt;sequence&gt;/gt/gt.txt</c>: comma variant (xywh, conf 1,
    /// our class id) when <paramref name="commaVariant"/>, else the space variant (xyxy). Frame
    /// images are the caller's (<c>img/000001.jpg</c>...).
    /// </summary>
    public static void Save(string root, string category, string sequence, IReadOnlyList<BenchmarkBox> boxes, bool commaVariant)
    {
        AtomicFile.WriteAllText(Path.Combine(root, category, sequence, "gt", "gt.txt"), FormatGt(boxes, commaVariant));
    }

    /// <summary>The text of a gt.txt in the given variant (rows by frame, then id).</summary>
    public static string FormatGt(IReadOnlyList<BenchmarkBox> boxes, bool commaVariant)
    {
        var lines = boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).Select(b =>
        {
            string frame = (b.FrameIndex + 1).ToString(CultureInfo.InvariantCulture), id = b.TrackId.ToString(CultureInfo.InvariantCulture);
            if (!commaVariant)
                return string.Join(' ', frame, id, AnnotationText.Format(b.Box.X0), AnnotationText.Format(b.Box.Y0), AnnotationText.Format(b.Box.X1), AnnotationText.Format(b.Box.Y1));
            var r = b.Box.ToXywh();
            return string.Join(',', frame, id, AnnotationText.Format(r.X), AnnotationText.Format(r.Y), AnnotationText.Format(r.W), AnnotationText.Format(r.H), "1",
                ((int)b.Class).ToString(CultureInfo.InvariantCulture), "-1", "-1");
        });
        return string.Concat(lines.Select(l => l + "\n"));
    }
}
