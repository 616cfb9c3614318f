using System.Diagnostics;
using System.Text;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Encodes BGR24 frames to an H.264 mp4 through an FFmpeg pipe: yuv420p so browsers play it,
/// faststart so it streams. yuv420p needs even sizes, so odd widths/heights get one black column
/// or row added at the right/bottom (the picture itself is never scaled).
/// </summary>
public sealed class H264FileSink : IFrameSink
{
    private readonly string _destination;
    private readonly string _temporary;
    private readonly int _width;
    private readonly int _height;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private bool _completed;

    /// <summary>Starts the encoder; <paramref name="crf"/> is x264's quality (lower = better, 18-23 typical).</summary>
    public H264FileSink(string destination, int width, int height, double fps, int crf = 20)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate video dimensions: {width}x{height}");
        _destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(_destination)!);
        _temporary = _destination + ".partial";
        _width = width;
        _height = height;
        string rate = fps.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        _process = FfmpegTools.Start("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-r", rate, "-i", "pipe:0",
             "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-crf", crf.ToString(),
             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", _temporary], redirectInput: true);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    }

    /// <summary>Number of frames written so far.</summary>
    public int FramesWritten { get; private set; }

    /// <inheritdoc />
    public void Write(Frame frame)
    {
        if (frame.Width != _width || frame.Height != _height)
            throw new ArgumentException($"frame {frame.Index} is {frame.Width}x{frame.Height}, the video is {_width}x{_height}");
        try
        {
            _process.StandardInput.BaseStream.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            throw new VideoFormatException($"{_destination}: encoder stopped at frame {frame.Index}: {Errors()}", e);
        }
        FramesWritten++;
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
