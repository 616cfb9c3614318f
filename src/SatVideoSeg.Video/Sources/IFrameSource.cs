using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Sources;

/// <summary>
/// A stream of BGR24 frames read one at a time (memory does not grow with video length).
/// Frames handed out are owned by the caller.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Size, rate and count, known before decoding.</summary>
    VideoInfo Info { get; }

    /// <summary>Frames met so far where the size changed from the previous frame (image folders only; see <see cref="FrameSizePolicy"/>).</summary>
    IReadOnlyList<FrameSizeChange> SizeChanges { get; }

    /// <summary>Frame files found damaged and skipped or used as asked (image folders only; see <see cref="DamagedFramePolicy"/>).</summary>
    IReadOnlyList<DamagedFrame> DamagedFrames { get; }

    /// <summary>Decodes the frames in order; can be enumerated once.</summary>
    IEnumerable<Frame> ReadFrames(CancellationToken cancellationToken = default);
}
