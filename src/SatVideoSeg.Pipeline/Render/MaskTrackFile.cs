using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>
/// Mask tracks read from a MOTS txt file, a YouTube-VIS JSON file (one video) or a DAVIS folder of
/// indexed PNGs (00000.png, ...), served frame by frame as <see cref="FrameDetections"/>.
/// Masks stay run-length encoded until their frame is asked for, so memory is the size of the
/// file, not of decoded masks. Objects carry their mask's tight box as an annotated prompt and an
/// unknown (NaN) predicted IoU. Where the file was written with renumbered ids, the ids.json beside
/// it (<see cref="TrackIdMap"/>) gives the objects their original ids back.
/// </summary>
public sealed class MaskTrackFile
{
    private readonly Dictionary<int, List<MotsRecord>> _byFrame = [];

    private MaskTrackFile(string path) => Path = path;

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The map of renumbered ids read beside the file (null when none): track ids are the original ones.</summary>
    public TrackIdMap? IdMap { get; private set; }

    /// <summary>Distinct track ids.</summary>
    public int TrackCount { get; private set; }

    /// <summary>The last 0-based frame with a mask (-1 when the file is empty).</summary>
    public int LastFrame { get; private set; } = -1;

    /// <summary>
    /// Reads mask tracks, choosing the format from the path: a folder is DAVIS (object index =
    /// track id, class unknown), a .json file YouTube-VIS (annotation id = track id, class from the
    /// category name), anything else MOTS txt (<paramref name="frameBase"/>: 1 MOTSChallenge, 0 KITTI).
    /// Format errors become job errors naming the file.
    /// </summary>
    public static MaskTrackFile Read(string path, int frameBase = 1)
    {
        var file = new MaskTrackFile(path);
        try
        {
            // YouTube-VIS keeps any id; MOTS and DAVIS files may come with a map of renumbered ids.
            bool davis = Directory.Exists(path);
            bool ytvis = !davis && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            var map = ytvis ? null : TrackIdMap.FindFor(path);
            var records = davis ? ReadDavis(path)
                : ytvis ? ReadYouTubeVis(path)
                : MotsFormat.ReadFile(path, frameBase);
            foreach (var r in records) file.Add(map is null ? r : r with { TrackId = map.Original(davis ? r.TrackId : r.ObjectId) });
            file.IdMap = map;
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidDataException)
        {
            throw new JobException($"{path}: {e.Message}", e);
        }
        return file;
    }

    private readonly HashSet<int> _ids = [];

    private void Add(MotsRecord r)
    {
        if (!_byFrame.TryGetValue(r.FrameIndex, out var list)) _byFrame[r.FrameIndex] = list = [];
        list.Add(r);
        _ids.Add(r.TrackId);
        TrackCount = _ids.Count;
        LastFrame = Math.Max(LastFrame, r.FrameIndex);
    }

    private static IEnumerable<MotsRecord> ReadDavis(string folder) =>
        DavisFormat.LoadSequence(folder).SelectMany(f =>
            f.Objects.Select(o => new MotsRecord(f.FrameIndex, o.Value, ObjectClass.Unknown, CocoRle.Encode(o.Mask))));

    private static IEnumerable<MotsRecord> ReadYouTubeVis(string path)
    {
        var dataset = YtvisFormat.Load(path);
        if (dataset.Videos.Count != 1)
            throw new JobException($"{path}: holds {dataset.Videos.Count} videos; render draws one (split the file per video)");
        var classes = dataset.Categories.ToDictionary(c => c.Id, c => ClassNamed(c.Name));
        foreach (var a in dataset.Annotations)
            for (int t = 0; t < a.Segmentations.Count; t++)
                if (a.Segmentations[t] is CocoRle rle)
                    yield return new MotsRecord(t, a.Id, classes.GetValueOrDefault(a.CategoryId), rle);
    }

    private static ObjectClass ClassNamed(string name) =>
        ObjectClasses.Known.FirstOrDefault(c => ObjectClasses.Name(c) == name.ToLowerInvariant());

    /// <summary>The objects of a 0-based frame of a width x height video; a mask of another size is an error naming the file.</summary>
    public FrameDetections ForFrame(int frameIndex, int width, int height)
    {
        if (!_byFrame.TryGetValue(frameIndex, out var records)) return new FrameDetections(frameIndex, width, height, []);
        var objects = new List<SegmentedObject>(records.Count);
        foreach (var r in records.OrderBy(r => r.TrackId))
        {
            if (r.Rle.Width != width || r.Rle.Height != height)
                throw new JobException($"{Path}: frame {frameIndex + 1}, object {(IdMap is null ? r.ObjectId : r.TrackId)}: mask is {r.Rle.Width}x{r.Rle.Height} but the video is {width}x{height}");
            var mask = r.Rle.Decode();
            var prompt = new ObjectPrompt(r.TrackId, r.Class, mask.TightRect().ToBox());
            objects.Add(new SegmentedObject(prompt, mask, double.NaN, double.NaN));
        }
        return new FrameDetections(frameIndex, width, height, objects);
    }
}
