using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Mots;

/// <summary>
/// MOTS txt lines (KITTI MOTS / MOTSChallenge, as TrackEval reads them):
/// <c>time_frame obj_id class_id img_height img_width rle</c>, single spaces,
/// obj_id = class_id*1000 + instance id. MOTSChallenge frames are 1-based (our default), KITTI's 0-based.
/// </summary>
public static class MotsFormat
{
    /// <summary>Largest instance id that fits the class*1000 + id scheme.</summary>
    public const int MaxTrackId = 999;

    /// <summary>obj_id of an instance id (1..<see cref="MaxTrackId"/>) of a class: class_id*1000 + instance id.</summary>
    public static int ObjectId(ObjectClass cls, int instanceId) => (int)cls * 1000 + instanceId;

    /// <summary>The instance id within an obj_id (its last three digits).</summary>
    public static int InstanceId(int objId) => objId % 1000;

    /// <summary>Formats one line; <paramref name="frameBase"/> is 1 (MOTSChallenge) or 0 (KITTI).</summary>
    public static string FormatLine(int frameIndex, int trackId, ObjectClass cls, BitMask mask, int frameBase = 1) =>
        FormatLine(frameIndex, trackId, cls, CocoRle.Encode(mask), frameBase);

    /// <summary>The same line from a mask already encoded (callers that also need the RLE encode once).</summary>
    public static string FormatLine(int frameIndex, int trackId, ObjectClass cls, CocoRle rle, int frameBase = 1)
    {
        if (trackId < 1 || trackId > MaxTrackId)
            throw new ArgumentOutOfRangeException(nameof(trackId), trackId, $"MOTS instance ids must be 1..{MaxTrackId} (obj_id = class*1000 + id)");
        int objId = ObjectId(cls, trackId);
        return string.Create(CultureInfo.InvariantCulture,
            $"{frameIndex + frameBase} {objId} {(int)cls} {rle.Height} {rle.Width} {rle.ToCompressedString()}");
    }

    /// <summary>
    /// Parses one line: six fields separated by single spaces, whole numbers where MOTS has them,
    /// obj_id's class (obj_id / 1000) equal to class_id, a frame size above 0 and an RLE that
    /// decodes to it. Errors read <c>file:line: column N ('value'): problem</c>.
    /// </summary>
    public static MotsRecord ParseLine(string file, int lineNumber, string line, int frameBase = 1) =>
        Parse(new AnnotationLine(file, lineNumber, AnnotationTextFile.Split(line, FieldSeparator.SingleSpace)), frameBase);

    private static MotsRecord Parse(AnnotationLine line, int frameBase)
    {
        line.RequireCount(6, 6, "time_frame obj_id class_id img_height img_width rle, single spaces");
        int frame = line.Integer(0, "time_frame") - frameBase;
        if (frame < 0) throw line.Error(0, $"time_frame is below {frameBase}, the first frame of {frameBase}-based MOTS");
        int objId = line.Integer(1, "obj_id");
        if (objId < 0) throw line.Error(1, "obj_id must not be negative");
        int classId = line.Integer(2, "class_id");
        if (objId / 1000 != classId) throw line.Error(1, $"obj_id is class*1000 + id, but class_id is {line[2]}");
        int h = line.Integer(3, "img_height"), w = line.Integer(4, "img_width");
        if (h < 1) throw line.Error(3, "img_height must be above 0");
        if (w < 1) throw line.Error(4, "img_width must be above 0");
        CocoRle rle;
        try
        {
            rle = CocoRle.FromCompressedString(line[5], h, w);
        }
        catch (FormatException e)
        {
            throw line.Error(5, $"bad RLE: {e.Message}");
        }
        return new MotsRecord(frame, InstanceId(objId), ObjectClasses.FromId(classId), rle);
    }

    /// <summary>Reads a whole MOTS file (blank lines skipped).</summary>
    public static IEnumerable<MotsRecord> ReadFile(string path, int frameBase = 1)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        foreach (var (n, line) in AnnotationTextFile.StreamLines(path))
        {
            if (AnnotationTextFile.IsBlank(line)) continue;
            yield return ParseLine(path, n, line, frameBase);
        }
    }
}
