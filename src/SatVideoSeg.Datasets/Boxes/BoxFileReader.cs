using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>
/// Reads per-frame boxes: MOT txt (<c>frame,id,x,y,w,h[,conf,class,...]</c>, comma-separated,
/// 1-based frames, our class ids 1 airplane, 2 ship, 3 train, 4 car) or SOT ground truth
/// (<see cref="SotGroundTruth"/>: <c>x,y,w,h</c> per frame, whole rows of -1, NaN or 0 = no box).
/// Every field is checked for its column; errors read <c>file:line: column N ('value'): problem</c>.
/// </summary>
public static class BoxFileReader
{
    /// <summary>
    /// Reads a file in the given (or detected) layout. With <paramref name="ignoreIds"/> the MOT id
    /// column must still hold a whole number, of any size or sign, but is not used: every box gets
    /// track id -1 ("no id").
    /// </summary>
    public static BoxAnnotations Read(string path, BoxFileFormat format = BoxFileFormat.Auto, bool ignoreIds = false)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        return Parse(path, AnnotationTextFile.Decode(File.ReadAllBytes(path)), format, ignoreIds);
    }

    /// <summary>The same from the file's text (<paramref name="path"/> names it in messages).</summary>
    public static BoxAnnotations Parse(string path, string text, BoxFileFormat format = BoxFileFormat.Auto, bool ignoreIds = false)
    {
        if (format == BoxFileFormat.Auto) format = Detect(path, text);
        if (format == BoxFileFormat.Mot)
            return new BoxAnnotations(path, format, ReadMot(AnnotationTextFile.Parse(path, text, [FieldSeparator.Comma]), ignoreIds));
        var sot = SotGroundTruth.From(AnnotationTextFile.Parse(path, text, SotGroundTruth.Separators, linesAreFrames: true), oriented: false);
        var boxes = sot.Rows.Select(r => new AnnotatedBox(r.FrameIndex, 1, ObjectClass.Unknown, r.Box, r.Line) { Written = r.Written });
        return new BoxAnnotations(path, format, boxes) { NoBoxRows = sot.NoBoxRows };
    }

    /// <summary>Detects the layout from the first data line: 4 fields = SOT, 6 to 10 comma-separated fields = MOT.</summary>
    public static BoxFileFormat Detect(string path, string text)
    {
        var file = AnnotationTextFile.Parse(path, text, SotGroundTruth.Separators);
        if (file.Lines.Count == 0) throw new AnnotationFormatException(path, 0, "file holds no boxes");
        var first = file.Lines[0];
        if (first.Count == 4) return BoxFileFormat.Sot;
        if (first.Count is >= 6 and <= 10 && file.Separator == FieldSeparator.Comma) return BoxFileFormat.Mot;
        throw first.Error(file.Separator == FieldSeparator.Comma || first.Count < 6
            ? $"cannot tell the box layout from {first.Count} fields: expected 4 (x,y,w,h per frame) or 6 to 10 comma-separated (MOT frame,id,x,y,w,h,...)"
            : $"{first.Count} fields separated by {file.Separator}: MOT rows (frame,id,x,y,w,h,...) are comma-separated, SOT rows hold 4 values");
    }

    /// <summary>MOT rows: frame,id,x,y,w,h, then optional conf, class and three world coordinates (all checked, class used).</summary>
    private static IEnumerable<AnnotatedBox> ReadMot(AnnotationTextFile file, bool ignoreIds)
    {
        foreach (var line in file.Lines)
        {
            line.RequireCount(6, 10, "MOT frame,id,x,y,w,h[,conf,class,x,y,z]");
            int frame = line.Integer(0, "frame");
            if (frame < 1) throw line.Error(0, "MOT frames are 1-based");
            int id = -1;
            if (ignoreIds) line.RequireWhole(1, "id");
            else id = line.Integer(1, "id");
            var box = BoxColumns.Xywh(line, 2);
            if (line.Count > 6) line.Decimal(6, "conf");
            var cls = line.Count > 7 ? ObjectClasses.FromId(line.Integer(7, "class")) : ObjectClass.Unknown;
            for (int k = 8; k < line.Count; k++) line.Decimal(k, "world coordinate");
            yield return new AnnotatedBox(frame - 1, id, cls, box, line.Number) { Written = line.Written(2, 4) };
        }
    }
}
