using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// One YouTube-VIS video as a sequence: every track (a ground-truth annotation or a result) has one
/// segmentation per frame (null where absent), kept as RLE and decoded one frame at a time.
/// </summary>
public sealed class YouTubeVisSequence : EvalSequence
{
    private readonly IReadOnlyList<YouTubeVisTrack> _tracks;

    /// <summary>Creates the sequence of one video.</summary>
    public YouTubeVisSequence(string name, string source, int width, int height, int length, IReadOnlyList<YouTubeVisTrack> tracks)
    {
        Name = name;
        Source = source;
        Width = width;
        Height = height;
        FrameCount = length;
        _tracks = tracks;
        Classes = tracks.Select(t => t.ClassName).ToHashSet();
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
    public override int FrameCount { get; }

    /// <inheritdoc />
    public override bool FrameCountIsExact => true;

    /// <inheritdoc />
    public override IReadOnlySet<string> Classes { get; }

    /// <inheritdoc />
    public override IEnumerable<EvalFrame> ReadFrames(int frameCount)
    {
        for (int t = 0; t < frameCount; t++)
        {
            var objects = new List<EvalObject>();
            foreach (var track in _tracks)
            {
                var rle = t < track.Segmentations.Count ? track.Segmentations[t] : null;
                if (rle is not null) objects.Add(new EvalObject(track.TrackId, track.ClassName, rle.Decode()));
            }
            yield return new EvalFrame(t, objects, null);
        }
    }
}
