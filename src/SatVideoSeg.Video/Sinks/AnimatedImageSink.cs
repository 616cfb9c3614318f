using System.Diagnostics;
using System.Globalization;
using System.Text;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Encodes BGR24 frames to an animated GIF (one palette computed over the whole clip, so colours
/// do not flicker) or an animated WebP (lossy, quality 80), looping forever, through an FFmpeg
/// pipe. Meant for short clips: GIF files grow fast. Atomic like <see cref="H264FileSink"/>.
/// </summary>
public sealed class AnimatedImageSink : IFrameSink
{
    private readonly string _destination;
    private readonly string _temporary;
    private readonly int _width;
    private readonly int _height;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private bool _completed;

    /// <summary>Starts the encoder; the format follows the extension of <paramref name="destination"/> (.gif or .webp).</summary>
    public AnimatedImageSink(string destination, int width, int height, double fps)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate video dimensions: {width}x{height}");
        string ext = Path.GetExtension(destination).ToLowerInvariant();
        if (ext is not (".gif" or ".webp")) throw new ArgumentException($"{destination}: an animated image must end in .gif or .webp");
        _destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(_destination)!);
        _temporary = _destination + ".partial";
        _width = width;
        _height = height;
        string rate = fps.ToString("0.######", CultureInfo.InvariantCulture);
        string[] codec = ext == ".gif"
            ? ["-filter_complex", "[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=3", "-loop", "0", "-f", "gif"]
            : ["-c:v", "libwebp", "-lossless", "0", "-quality", "80", "-loop", "0", "-f", "webp"];
        _process = FfmpegTools.Start("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-r", rate, "-i", "pipe:0", .. codec, _temporary],
            redirectInput: true);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    }

    /// <inheritdoc />
    public void Write(Frame frame)
    {
        if (frame.Width != _width || frame.Height != _height)
            throw new ArgumentException($"frame {frame.Index} is {frame.Width}x{frame.Height}, the clip is {_width}x{_height}");
        try
        {
            _process.StandardInput.BaseStream.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            throw new VideoFormatException($"{_destination}: encoder stopped at frame {frame.Index}: {Errors()}", e);
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        if (_process.ExitCode != 0) throw new VideoFormatException($"{_destination}: encoding failed: {Errors()}");
        File.Move(_temporary, _destination, overwrite: true);
        _completed = true;
    }

    private string Errors()
    {
        lock (_stderr) return FfmpegTools.FirstLine(_stderr.ToString());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_completed)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }
            if (File.Exists(_temporary)) File.Delete(_temporary);
        }
        _process.Dispose();
    }
}
