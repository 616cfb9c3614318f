using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Encodes BGR24 frames to an H.264 mp4 through an FFmpeg pipe: yuv420p so browsers play it,
/// faststart so it streams. yuv420p needs even sizes, so odd widths/heights get one black column
/// or row added at the right/bottom (the picture itself is never scaled). Atomic: see
/// <see cref="FfmpegPipeEncoder"/>.
/// </summary>
public sealed class H264FileSink : IFrameSink
{
    private readonly FfmpegPipeEncoder _encoder;

    /// <summary>Starts the encoder; <paramref name="crf"/> is x264's quality (lower = better, 18-23 typical).</summary>
    public H264FileSink(string destination, int width, int height, double fps, int crf = 20)
    {
        _encoder = new FfmpegPipeEncoder(destination, width, height, fps,
            ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-crf", crf.ToString(),
             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"]);
    }

    /// <inheritdoc />
    public void Write(Frame frame) => _encoder.Write(frame);

    /// <inheritdoc />
    public void Complete() => _encoder.Complete();

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
