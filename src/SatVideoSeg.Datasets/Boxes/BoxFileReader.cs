using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Benchmarks;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>
/// Reads per-frame boxes: MOT txt (<c>frame,id,x,y,w,h,conf,class</c>, 1-based frames, our class
/// ids 1 airplane, 2 ship, 3 train, 4 car) or SOT ground truth (<c>x,y,w,h</c> per frame, any of
/// comma, tab or space; rows of -1 or NaN mean "no box"). Lines starting with '#' and blank
/// lines are skipped. Errors name file:line.
/// </summary>
public static class BoxFileReader
{

    /// <summary>Reads a file in the given (or detected) layout.</summary>
    public static BoxAnnotations Read(string path, BoxFileFormat format = BoxFileFormat.Auto)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        var lines = File.ReadAllLines(path);
        if (format == BoxFileFormat.Auto) format = Detect(path, lines);
        var boxes = format == BoxFileFormat.Mot ? ReadMot(path, lines) : ReadSot(path, lines);
        return new BoxAnnotations(path, format, boxes);
    }

    /// <summary>Detects the layout from the first data line.</summary>
    public static BoxFileFormat Detect(string path, IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (AnnotationText.IsSkipped(lines[i])) continue;
            int n = AnnotationText.Split(lines[i]).Length;
            if (n == 4) return BoxFileFormat.Sot;
            if (n >= 6) return BoxFileFormat.Mot;
            throw new AnnotationFormatException(path, i + 1,
                $"cannot tell the box layout from {n} fields: expected 4 (x,y,w,h per frame) or 6+ (MOT frame,id,x,y,w,h,...)");
        }
        throw new AnnotationFormatException(path, 0, "file holds no boxes");
    }

    private static IEnumerable<AnnotatedBox> ReadMot(string path, string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if (AnnotationText.IsSkipped(lines[i])) continue;
            var f = AnnotationText.Split(lines[i]);
            if (f.Length < 6) throw new AnnotationFormatException(path, i + 1, $"expected at least 6 fields (frame,id,x,y,w,h), got {f.Length}");
            int frame = AnnotationText.Integer(path, i + 1, f[0], "frame");
            if (frame < 1) throw new AnnotationFormatException(path, i + 1, $"frame {frame}: MOT frames are 1-based");
            int id = AnnotationText.Integer(path, i + 1, f[1], "id");
            var box = ParseBox(path, i, f.AsSpan(2, 4));
            if (box is null) continue;
            var cls = f.Length >= 8 ? ObjectClasses.FromId(AnnotationText.Integer(path, i + 1, f[7], "class")) : ObjectClass.Unknown;
            yield return new AnnotatedBox(frame - 1, id, cls, box.Value, i + 1);
        }
    }

    private static IEnumerable<AnnotatedBox> ReadSot(string path, string[] lines)
    {
        int frame = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (AnnotationText.IsSkipped(lines[i])) continue;
            var f = AnnotationText.Split(lines[i]);
            if (f.Length != 4) throw new AnnotationFormatException(path, i + 1, $"expected 4 fields (x,y,w,h), got {f.Length}");
            var box = ParseBox(path, i, f);
            if (box is not null) yield return new AnnotatedBox(frame, 1, ObjectClass.Unknown, box.Value, i + 1);
            frame++;
        }
    }

    // Returns null for "no box" rows (-1 or NaN values); rejects zero or negative sizes.
    private static BoxXyxy? ParseBox(string path, int i, ReadOnlySpan<string> f)
    {
        var v = new double[4];
        for (int k = 0; k < 4; k++)
        {
            if (!double.TryParse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture, out v[k]))
                throw new AnnotationFormatException(path, i + 1, $"'{f[k]}' is not a number");
        }
        if (v.Any(double.IsNaN) || v.All(x => x == -1)) return null;
        if (v[2] <= 0 || v[3] <= 0)
            throw new AnnotationFormatException(path, i + 1, $"zero-size box: w={v[2]}, h={v[3]}");
        return new BoxXywh(v[0], v[1], v[2], v[3]).ToXyxy();
    }
}
