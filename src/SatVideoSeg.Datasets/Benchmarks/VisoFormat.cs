using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// VISO: <c>&lt;cat&gt;/&lt;seq&gt;/img/000001.jpg</c> + <c>&lt;cat&gt;/&lt;seq&gt;/gt/gt.txt</c>, 1-based frames.
/// Two variants, told apart per file by the first data line: comma-separated
/// <c>frame,id,x,y,w,h,conf,cls,...</c> (car, train) and space-separated <c>frame id x1 y1 x2 y2 ...</c>
/// (plane, ship). The class comes from the category folder name; where that names none, the
/// comma variant's cls column is read as our class id (1 airplane, 2 ship, 3 train, 4 car).
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
        var lines = File.ReadAllLines(file);
        bool? comma = null;
        var boxes = new List<BenchmarkBox>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (AnnotationText.IsSkipped(lines[i])) continue;
            comma ??= lines[i].Contains(',');
            var f = comma.Value ? lines[i].Split(',', StringSplitOptions.TrimEntries) : AnnotationText.Split(lines[i]);
            if (f.Length < 6)
                throw new AnnotationFormatException(file, i + 1, comma.Value
                    ? $"expected at least 6 comma-separated fields (frame,id,x,y,w,h,conf,cls), got {f.Length}"
                    : $"expected at least 6 space-separated fields (frame id x1 y1 x2 y2), got {f.Length}");
            int frame = AnnotationText.Integer(file, i + 1, f[0], "frame");
            if (frame < 1) throw new AnnotationFormatException(file, i + 1, $"frame {frame}: VISO frames are 1-based");
            int id = AnnotationText.Integer(file, i + 1, f[1], "id");
            var v = new double[4];
            for (int k = 0; k < 4; k++) v[k] = AnnotationText.Number(file, i + 1, f[2 + k], comma.Value ? "xywh"[k].ToString() : $"{(k % 2 == 0 ? 'x' : 'y')}{k / 2 + 1}");
            var box = comma.Value ? new BoxXywh(v[0], v[1], v[2], v[3]).ToXyxy() : new BoxXyxy(v[0], v[1], v[2], v[3]);
            if (box.IsEmpty || v.Any(double.IsNaN)) continue;
            var cls = folderClass;
            if (cls == ObjectClass.Unknown && comma.Value && f.Length >= 8) cls = ObjectClasses.FromId(AnnotationText.Integer(file, i + 1, f[7], "cls"));
            boxes.Add(new BenchmarkBox(frame - 1, id, cls, box));
        }
        string frames = FramesFolder.Find(folder) ?? Path.Combine(folder, "img");
        return new BenchmarkSequence(BenchmarkSequence.NameFrom(Path.GetRelativePath(root, folder)), frames, file, BenchmarkLayout.Viso,
            boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).ToArray());
    }

    /// <summary>
    /// Writes <c>&lt;root&gt;/&lt;category&gt;/&lt;sequence&gt;/gt/gt.txt</c>: comma variant (xywh, conf 1,
    /// our class id) when <paramref name="commaVariant"/>, else the space variant (xyxy). Frame
    /// images are the caller's (<c>img/000001.jpg</c>...).
    /// </summary>
    public static void Save(string root, string category, string sequence, IReadOnlyList<BenchmarkBox> boxes, bool commaVariant)
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
        AtomicFile.WriteAllText(Path.Combine(root, category, sequence, "gt", "gt.txt"), string.Concat(lines.Select(l => l + "\n")));
    }
}
