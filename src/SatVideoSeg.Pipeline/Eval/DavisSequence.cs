using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Davis;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// A DAVIS sequence folder of indexed PNGs (00000.png, ...): index 0 is background, 1..254 are
/// objects (one class, "object"), 255 is void (taken from the ground truth only, as
/// davis2017-evaluation does). Frames are read one at a time; the size comes from the first frame.
/// An ids.json in the folder (<see cref="Datasets.Ids.TrackIdMap"/>) turns renumbered indices back
/// into the original ids.
/// </summary>
public sealed class DavisSequence : EvalSequence
{
    /// <summary>Class name of DAVIS objects.</summary>
    public const string ObjectClassName = "object";

    /// <summary>The void label.</summary>
    public const byte VoidLabel = 255;

    private readonly string[] _files;
    private readonly bool _isGroundTruth;
    private readonly Datasets.Ids.TrackIdMap? _map;

    /// <summary>Lists the PNG frames of <paramref name="folder"/>, in name order.</summary>
    public DavisSequence(string folder, bool isGroundTruth)
    {
        Source = folder;
        Name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder));
        _isGroundTruth = isGroundTruth;
        _map = Datasets.Ids.TrackIdMap.FindFor(folder);
        _files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
        if (_files.Length == 0) throw new AnnotationFormatException(folder, 0, "no PNG frames in this DAVIS sequence folder");
        var (w, h, _) = IndexedPng.Read(_files[0]);
        Width = w;
        Height = h;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Source { get; }

    /// <inheritdoc />
    public override int Width { get; }

    /// <inheritdoc />
    public override int Height { get; }

    /// <inheritdoc />
    public override int FrameCount => _files.Length;

    /// <inheritdoc />
    public override bool FrameCountIsExact => true;

    /// <inheritdoc />
    public override IReadOnlySet<string> Classes { get; } = new HashSet<string> { ObjectClassName };

    /// <inheritdoc />
    public override IEnumerable<EvalFrame> ReadFrames(int frameCount)
    {
        for (int t = 0; t < frameCount; t++)
        {
            if (t >= _files.Length)
            {
                yield return new EvalFrame(t, [], null);
                continue;
            }
            var (w, h, pixels) = IndexedPng.Read(_files[t]);
            if (w != Width || h != Height)
                throw new AnnotationFormatException(_files[t], 0, $"frame size {w}x{h} differs from {Width}x{Height} of {_files[0]}");
            var present = new bool[256];
            foreach (byte p in pixels) present[p] = true;
            var objects = new List<EvalObject>();
            for (int id = 1; id < 255; id++)
                if (present[id]) objects.Add(new EvalObject(_map?.Original(id) ?? id, ObjectClassName, BitMask.FromLabel<byte>(pixels, (byte)id, w, h)));
            var voidMask = _isGroundTruth && present[VoidLabel] ? BitMask.FromLabel<byte>(pixels, VoidLabel, w, h) : null;
            yield return new EvalFrame(t, objects, voidMask);
        }
    }
}
