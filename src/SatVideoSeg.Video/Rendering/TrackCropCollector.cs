using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Keeps zoomed crops of every track every <paramref name="stride"/>-th frame (frames 0, stride,
/// 2*stride, ...), for contact sheets and report strips. Memory is tiles x tracks x
/// tileSize^2 x 3 bytes: the stride is chosen from the video length (<see cref="StrideFor"/>),
/// and, where the length is not known or was wrong, doubles whenever more than
/// <paramref name="maxSamples"/> frames would be sampled (the crops off the new stride are
/// dropped), so a track keeps at most maxSamples + 1 crops however long the video.
/// </summary>
public sealed class TrackCropCollector(int stride, int tileSize = 64, int maxSamples = TrackCropCollector.DefaultMaxSamples)
{
    /// <summary>Sampled frames kept at most: twice the dozen <see cref="StrideFor"/> aims at.</summary>
    public const int DefaultMaxSamples = 24;

    private readonly SortedDictionary<int, List<CropTile>> _tiles = [];
    private int _stride = Math.Max(1, stride);
    private readonly Dictionary<int, ObjectClass> _classes = [];
    private readonly SortedSet<int> _sampled = [];

    /// <summary>A stride giving about <paramref name="samples"/> sampled frames over a video of <paramref name="frameCount"/> frames (10 when unknown).</summary>
    public static int StrideFor(int? frameCount, int samples = 12) =>
        frameCount is int n && n > 0 ? Math.Max(1, (n + samples - 1) / samples) : 10;

    /// <summary>Frames between samples.</summary>
    public int Stride => _stride;

    /// <summary>Side of a tile in pixels.</summary>
    public int TileSize => tileSize;

    /// <summary>Track ids seen, ascending.</summary>
    public IEnumerable<int> TrackIds => _tiles.Keys;

    /// <summary>The frames sampled so far, ascending.</summary>
    public IReadOnlyCollection<int> SampledFrames => _sampled;

    /// <summary>The class a track was last seen with.</summary>
    public ObjectClass ClassOf(int trackId) => _classes.GetValueOrDefault(trackId);

    /// <summary>The tiles of a track in frame order.</summary>
    public IReadOnlyList<CropTile> TilesOf(int trackId) => _tiles.TryGetValue(trackId, out var t) ? t : [];

    /// <summary>Cuts crops of every object of a sampled frame out of <paramref name="drawn"/> (usually the overlay frame).</summary>
    public void Add(Frame drawn, FrameDetections detections)
    {
        if (detections.FrameIndex % Stride != 0) return;
        _sampled.Add(detections.FrameIndex);
        using var mat = PinnedMat.Of(drawn);
        foreach (var o in detections.Objects)
        {
            var anchor = LabelAnnotator.Anchor(o);
            if (anchor.IsEmpty) continue;
            var w = InsetAnnotator.Window(anchor, drawn.Width, drawn.Height);
            var pixels = new byte[tileSize * tileSize * 3];
            using (var roi = new Mat(mat.Mat, new Rect(w.X, w.Y, w.Width, w.Height)))
            using (var tile = new PinnedMat(pixels, tileSize, tileSize, MatType.CV_8UC3))
            {
                Cv2.Resize(roi, tile.Mat, new Size(tileSize, tileSize), 0, 0, InterpolationFlags.Nearest);
            }
            if (!_tiles.TryGetValue(o.TrackId, out var list)) _tiles[o.TrackId] = list = [];
            list.Add(new CropTile(o.TrackId, detections.FrameIndex, tileSize, pixels));
            _classes[o.TrackId] = o.Prompt.Class;
        }
        if (_sampled.Count > maxSamples) DoubleStride();
    }

    private void DoubleStride()
    {
        _stride *= 2;
        _sampled.RemoveWhere(f => f % _stride != 0);
        foreach (var list in _tiles.Values) list.RemoveAll(t => t.FrameIndex % _stride != 0);
    }
}
