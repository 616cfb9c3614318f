using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// Reports video errors (unreadable input, a frame that fails to decode, encoder failure) as job
/// errors: the CLI prints them as one line and exits 1, and the job's outputs are discarded.
/// </summary>
public static class VideoErrors
{
    /// <summary>Runs <paramref name="work"/>, turning a <see cref="VideoFormatException"/> into a <see cref="JobException"/>.</summary>
    public static T AsJobError<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (VideoFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    /// <summary>Runs <paramref name="work"/>, turning a <see cref="VideoFormatException"/> into a <see cref="JobException"/>.</summary>
    public static void AsJobError(Action work) => AsJobError(() => { work(); return 0; });

    /// <summary>The frames, with decoding errors met mid-stream reported as job errors.</summary>
    public static IEnumerable<Frame> AsJobErrors(IEnumerable<Frame> frames)
    {
        using var e = frames.GetEnumerator();
        while (AsJobError(e.MoveNext)) yield return e.Current;
    }
}
