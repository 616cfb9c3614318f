using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Render;

/// <summary>
/// Mask tracks read from a MOTS file, served frame by frame as <see cref="FrameDetections"/>.
/// Masks stay run-length encoded until their frame is asked for, so memory is the size of the
/// file, not of decoded masks. Objects carry their mask's tight box as an annotated prompt and an
/// unknown (NaN) predicted IoU.
/// </summary>
public sealed class MaskTrackFile
{
    private readonly Dictionary<int, List<MotsRecord>> _byFrame = [];

    private MaskTrackFile(string path) => Path = path;

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Distinct track ids.</summary>
    public int TrackCount { get; private set; }

    /// <summary>The last 0-based frame with a mask (-1 when the file is empty).</summary>
    public int LastFrame { get; private set; } = -1;

    /// <summary>Reads a MOTS file (<paramref name="frameBase"/>: 1 MOTSChallenge, 0 KITTI); format errors become job errors naming file:line.</summary>
    public static MaskTrackFile Read(string path, int frameBase = 1)
    {
        var file = new MaskTrackFile(path);
        var ids = new HashSet<int>();
        try
        {
            foreach (var r in MotsFormat.ReadFile(path, frameBase))
            {
                if (!file._byFrame.TryGetValue(r.FrameIndex, out var list)) file._byFrame[r.FrameIndex] = list = [];
                list.Add(r);
                ids.Add(r.TrackId);
                file.LastFrame = Math.Max(file.LastFrame, r.FrameIndex);
            }
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
        file.TrackCount = ids.Count;
        return file;
    }

    /// <summary>The objects of a 0-based frame of a width x height video; a mask of another size is an error naming the file.</summary>
    public FrameDetections ForFrame(int frameIndex, int width, int height)
    {
        if (!_byFrame.TryGetValue(frameIndex, out var records)) return new FrameDetections(frameIndex, width, height, []);
        var objects = new List<SegmentedObject>(records.Count);
        foreach (var r in records.OrderBy(r => r.TrackId))
        {
            if (r.Rle.Width != width || r.Rle.Height != height)
                throw new JobException($"{Path}: frame {frameIndex + 1}, object {r.ObjectId}: mask is {r.Rle.Width}x{r.Rle.Height} but the video is {width}x{height}");
            var mask = r.Rle.Decode();
            var prompt = new ObjectPrompt(r.TrackId, r.Class, mask.TightRect().ToBox());
            objects.Add(new SegmentedObject(prompt, mask, double.NaN, double.NaN));
        }
        return new FrameDetections(frameIndex, width, height, objects);
    }
}
