using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Receives frames and writes them atomically: nothing appears at the destination until
/// <see cref="Complete"/> succeeds; disposing without completing removes the partial output.
/// </summary>
public interface IFrameSink : IDisposable
{
    /// <summary>Appends a frame (same size as the first).</summary>
    void Write(Frame frame);

    /// <summary>Finishes the file and moves it to its destination.</summary>
    void Complete();
}
