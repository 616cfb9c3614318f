using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;

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

    /// <summary>Formats one line; <paramref name="frameBase"/> is 1 (MOTSChallenge) or 0 (KITTI).</summary>
    public static string FormatLine(int frameIndex, int trackId, ObjectClass cls, BitMask mask, int frameBase = 1) =>
        FormatLine(frameIndex, trackId, cls, CocoRle.Encode(mask), frameBase);

    /// <summary>The same line from a mask already encoded (callers that also need the RLE encode once).</summary>
    public static string FormatLine(int frameIndex, int trackId, ObjectClass cls, CocoRle rle, int frameBase = 1)
    {
        if (trackId < 1 || trackId > MaxTrackId)
            throw new ArgumentOutOfRangeException(nameof(trackId), trackId, $"MOTS instance ids must be 1..{MaxTrackId} (obj_id = class*1000 + id)");
        int objId = (int)cls * 1000 + trackId;
        return string.Create(CultureInfo.InvariantCulture,
            $"{frameIndex + frameBase} {objId} {(int)cls} {rle.Height} {rle.Width} {rle.ToCompressedString()}");
    }

    /// <summary>Parses one line; errors name file:line.</summary>
    public static MotsRecord ParseLine(string file, int lineNumber, string line, int frameBase = 1)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 6)
            throw new AnnotationFormatException(file, lineNumber, $"expected 6 space-separated fields (time_frame obj_id class_id img_height img_width rle), got {f.Length}");
        int Int(int k, string what) => int.TryParse(f[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new AnnotationFormatException(file, lineNumber, $"{what} '{f[k]}' is not an integer");
        int frame = Int(0, "time_frame") - frameBase;
        if (frame < 0) throw new AnnotationFormatException(file, lineNumber, $"frame {frame + frameBase} is below the {frameBase}-based first frame");
        int objId = Int(1, "obj_id");
        int classId = Int(2, "class_id");
        int h = Int(3, "img_height"), w = Int(4, "img_width");
        CocoRle rle;
        try
        {
            rle = CocoRle.FromCompressedString(f[5], h, w);
        }
        catch (FormatException e)
        {
            throw new AnnotationFormatException(file, lineNumber, $"bad RLE: {e.Message}");
        }
        return new MotsRecord(frame, objId % 1000, ObjectClasses.FromId(classId), rle);
    }

    /// <summary>Reads a whole MOTS file.</summary>
    public static IEnumerable<MotsRecord> ReadFile(string path, int frameBase = 1)
    {
        if (!File.Exists(path)) throw new AnnotationFormatException(path, 0, "no such file");
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(path, n, line, frameBase);
        }
    }
}
