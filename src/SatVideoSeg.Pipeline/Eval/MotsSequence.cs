using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Mots;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// A MOTS txt file as a sequence. Lines are parsed up front and kept as RLE (compact: a few bytes
/// per run), grouped by frame; masks are decoded one frame at a time. Every line must give the same
/// image size (and the one in seqinfo.ini when there is one); an object id may appear once per frame,
/// and the masks of one frame must not overlap (TrackEval rejects overlapping MOTS masks). Lines of
/// class 10 (obj_id 10000) are the frame's ignore region, not objects. An ids.json beside the file
/// (<see cref="Datasets.Ids.TrackIdMap"/>) turns renumbered obj_ids back into the original ids.
/// </summary>
public sealed class MotsSequence : EvalSequence
{
    private readonly Dictionary<int, List<(MotsRecord Record, int ObjectId, string ClassName)>> _byFrame = [];
    private readonly Dictionary<int, List<MotsRecord>> _ignoreByFrame = [];
    private readonly int _frameBase;
    private readonly HashSet<string> _classes = [];
    private readonly int _frameCount;
    private readonly bool _exact;
    private int _width, _height;

    /// <summary>Reads <paramref name="file"/>; <paramref name="frameBase"/> is its first frame number (1 MOTSChallenge, 0 KITTI).</summary>
    public MotsSequence(string name, string file, int frameBase, SeqInfo? info = null)
    {
        Name = name;
        Source = file;
        _frameBase = frameBase;
        if (!File.Exists(file)) throw new AnnotationFormatException(file, 0, "no such file");
        if (info is not null)
        {
            _width = info.Width;
            _height = info.Height;
        }
        var map = Datasets.Ids.TrackIdMap.FindFor(file);
        int maxFrame = -1;
        var seen = new HashSet<(int Frame, int Object)>();
        foreach (var (n, line) in Datasets.Text.AnnotationTextFile.StreamLines(file))
        {
            if (Datasets.Text.AnnotationTextFile.IsBlank(line)) continue;
            var r = MotsFormat.ParseLine(file, n, line, frameBase);
            if (_width == 0 && _height == 0)
            {
                _width = r.Rle.Width;
                _height = r.Rle.Height;
            }
            else if (r.Rle.Width != _width || r.Rle.Height != _height)
            {
                string what = info is not null && n == 1 ? $"{info.Path} says" : "earlier lines say";
                throw new AnnotationFormatException(file, n, $"image size {r.Rle.Width}x{r.Rle.Height} differs from {_width}x{_height} ({what})");
            }
            var (writtenId, classId) = RawIds(line);
            int objectId = map?.Original(writtenId) ?? writtenId;
            if (classId == MotsClassMap.IgnoreClassId)
            {
                if (!_ignoreByFrame.TryGetValue(r.FrameIndex, out var regions)) _ignoreByFrame[r.FrameIndex] = regions = [];
                regions.Add(r);
                maxFrame = Math.Max(maxFrame, r.FrameIndex);
                continue;
            }
            if (!seen.Add((r.FrameIndex, objectId)))
                throw new AnnotationFormatException(file, n, $"object {objectId} appears twice in frame {r.FrameIndex + frameBase}");
            if (info is not null && r.FrameIndex >= info.Length)
                throw new AnnotationFormatException(file, n, $"frame {r.FrameIndex + frameBase} lies beyond the sequence length {info.Length} of {info.Path}");
            if (!_byFrame.TryGetValue(r.FrameIndex, out var list)) _byFrame[r.FrameIndex] = list = [];
            string className = ClassName(classId);
            list.Add((r, objectId, className));
            _classes.Add(className);
            maxFrame = Math.Max(maxFrame, r.FrameIndex);
        }
        _frameCount = info?.Length ?? maxFrame + 1;
        _exact = info is not null;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Source { get; }

    /// <inheritdoc />
    public override int Width => _width;

    /// <inheritdoc />
    public override int Height => _height;

    /// <inheritdoc />
    public override int FrameCount => _frameCount;

    /// <inheritdoc />
    public override bool FrameCountIsExact => _exact;

    /// <inheritdoc />
    public override IReadOnlySet<string> Classes => _classes;

    /// <summary>
    /// Name of a MOTS class id as reported: our names for 0..4 ("unknown", "airplane", "ship", "train",
    /// "car"), "class&lt;id&gt;" for any other id, so that other datasets' classes stay apart.
    /// </summary>
    public static string ClassName(int classId) =>
        classId is >= 0 and <= 4 ? ObjectClasses.Name((ObjectClass)classId) : $"class{classId}";

    /// <inheritdoc />
    public override IEnumerable<EvalFrame> ReadFrames(int frameCount)
    {
        for (int t = 0; t < frameCount; t++)
        {
            var objects = _byFrame.TryGetValue(t, out var records)
                ? records.Select(r => new EvalObject(r.ObjectId, r.ClassName, r.Record.Rle.Decode())).ToArray()
                : [];
            CheckDisjoint(objects, t);
            BitMask? ignore = null;
            if (_ignoreByFrame.TryGetValue(t, out var regions))
            {
                ignore = regions[0].Rle.Decode();
                foreach (var more in regions.Skip(1)) ignore = Union(ignore, more.Rle.Decode());
            }
            yield return new EvalFrame(t, objects, null, ignore);
        }
    }

    // obj_id and class_id as written (MotsRecord maps class ids it does not know to Unknown and keeps
    // obj_id modulo 1000); the line has already been validated by MotsFormat.ParseLine.
    private static (int ObjectId, int ClassId) RawIds(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private void CheckDisjoint(EvalObject[] objects, int t)
    {
        for (int i = 0; i < objects.Length; i++)
            for (int j = i + 1; j < objects.Length; j++)
            {
                if (objects[i].Mask.Rect.Intersect(objects[j].Mask.Rect).IsEmpty) continue;
                if (objects[i].Mask.IntersectionArea(objects[j].Mask) > 0)
                    throw new AnnotationFormatException(Source, 0, $"the masks of objects {objects[i].TrackId} and {objects[j].TrackId} overlap in frame {t + _frameBase}; MOTS masks must be disjoint (TrackEval rejects overlapping masks)");
            }
    }

    private static BitMask Union(BitMask a, BitMask b)
    {
        var rect = a.Rect.Union(b.Rect);
        var data = new byte[rect.Area];
        foreach (var m in new[] { a, b })
            for (int y = 0; y < m.Rect.Height; y++)
                for (int x = 0; x < m.Rect.Width; x++)
                    if (m.Data[y * m.Rect.Width + x] != 0) data[(m.Rect.Y + y - rect.Y) * rect.Width + m.Rect.X + x - rect.X] = 1;
        return new BitMask(a.FrameWidth, a.FrameHeight, rect, data);
    }
}
