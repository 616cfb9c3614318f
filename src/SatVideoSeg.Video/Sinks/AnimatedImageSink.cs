using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Encodes BGR24 frames to an animated GIF (one palette computed over the whole clip, so colours
/// do not flicker) or an animated WebP (lossy, quality 80), looping forever, through an FFmpeg
/// pipe. Meant for short clips: GIF files grow fast. Atomic: see <see cref="FfmpegPipeEncoder"/>.
/// </summary>
public sealed class AnimatedImageSink : IFrameSink
{
    private readonly FfmpegPipeEncoder _encoder;

    /// <summary>Starts the encoder; the format follows <paramref name="format"/> (".gif" or ".webp"), by default the extension of <paramref name="destination"/>.</summary>
    public AnimatedImageSink(string destination, int width, int height, double fps, string? format = null)
    {
        string ext = (format ?? Path.GetExtension(destination)).ToLowerInvariant();
        if (ext is not (".gif" or ".webp")) throw new ArgumentException($"{destination}: an animated image must end in .gif or .webp");
        string[] codec = ext == ".gif"
            ? ["-filter_complex", "[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=3", "-loop", "0", "-f", "gif"]
            : ["-c:v", "libwebp", "-lossless", "0", "-quality", "80", "-loop", "0", "-f", "webp"];
        _encoder = new FfmpegPipeEncoder(destination, width, height, fps, codec);
    }

    /// <inheritdoc />
    public void Write(Frame frame) => _encoder.Write(frame);

    /// <inheritdoc />
    public void Complete() => _encoder.Complete();

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
