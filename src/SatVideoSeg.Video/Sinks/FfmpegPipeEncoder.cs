using System.Diagnostics;
using System.Globalization;
using System.Text;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// The FFmpeg process behind the file sinks: raw BGR24 frames go in through stdin, FFmpeg writes a
/// temporary name unique to this run (<see cref="Core.Files.PartialFileName"/>), and <see cref="Complete"/> renames it into place. Disposing an
/// unfinished encoder kills FFmpeg and deletes the partial file, so no half-written output remains.
/// </summary>
public sealed class FfmpegPipeEncoder : IFrameSink
{
    private readonly string _destination;
    private readonly string _temporary;
    private readonly int _width;
    private readonly int _height;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private bool _completed;

    /// <summary>Starts FFmpeg reading width x height BGR24 frames at <paramref name="fps"/>; <paramref name="outputArguments"/> choose the codec and container.</summary>
    public FfmpegPipeEncoder(string destination, int width, int height, double fps, IEnumerable<string> outputArguments)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate video dimensions: {width}x{height}");
        _destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(_destination)!);
        _temporary = Core.Files.PartialFileName.For(_destination);
        _width = width;
        _height = height;
        string rate = fps.ToString("0.######", CultureInfo.InvariantCulture);
        _process = FfmpegTools.Start("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-r", rate, "-i", "pipe:0", .. outputArguments, _temporary],
            redirectInput: true);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        PipeCapacity.TryEnlarge(_process.StandardInput.BaseStream);
        YieldToTheModel(_process);
    }

    // Encoding runs beside the model: on a machine with few cores, x264 at normal priority takes
    // CPU from ONNX Runtime's threads. Below normal, it encodes in the gaps and catches up at the
    // end (lowering one's own child's priority needs no privilege; where refused, it stays as is).
    private static void YieldToTheModel(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            // Keep the default priority.
        }
    }

    /// <inheritdoc />
    public void Write(Frame frame)
    {
        if (frame.Width != _width || frame.Height != _height)
            throw new ArgumentException($"frame {frame.Index + 1} is {frame.Width}x{frame.Height}, the video is {_width}x{_height}");
        try
        {
            _process.StandardInput.BaseStream.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            throw new VideoFormatException($"{_destination}: encoder stopped at frame {frame.Index + 1}: {Errors()}", e);
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
