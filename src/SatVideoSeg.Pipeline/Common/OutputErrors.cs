using SatVideoSeg.Video;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// Failures to write an output, as <see cref="IOException"/>: an encoder that stops (FFmpeg out of
/// disk space) says so as a <see cref="VideoFormatException"/>, the same type as a damaged input;
/// as an IOException it tells the job that its inputs were fine and a re-run can resume.
/// </summary>
public static class OutputErrors
{
    /// <summary>Runs <paramref name="write"/>, rethrowing an encoder's failure as an IOException with the same message.</summary>
    public static void AsIOError(Action write)
    {
        try
        {
            write();
        }
        catch (VideoFormatException e)
        {
            throw new IOException(e.Message, e);
        }
    }
}
