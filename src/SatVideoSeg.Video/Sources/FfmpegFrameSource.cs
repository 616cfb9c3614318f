using System.Diagnostics;
using System.Text;
using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Video.Sources;

/// <summary>
/// Decodes anything FFmpeg reads into BGR24 frames through a pipe, one frame per read: memory is
/// the frames in flight plus the OS pipe buffer, whatever the video's length. Frame buffers come
/// from a pool: dispose each frame when done with it to recycle its buffer (frames not disposed
/// are simply collected).
/// </summary>
public sealed class FfmpegFrameSource : IFrameSource
{
    private readonly DamagedFramePolicy _damagedPolicy;
    private readonly List<DamagedFrame> _damaged = [];
    private Process? _process;

    /// <summary>
    /// Probes the file; decoding starts when frames are enumerated. A video whose decoder reports
    /// damage while every frame still comes out (FFmpeg conceals it) fails at the end of decoding
    /// unless <paramref name="damaged"/> is Use; Skip cannot apply to a video (FFmpeg has already
    /// filled the damaged frames in) and fails the same way.
    /// </summary>
    public FfmpegFrameSource(string path, DamagedFramePolicy damaged = DamagedFramePolicy.Fail)
    {
        Info = FfprobeReader.Probe(path);
        _damagedPolicy = damaged;
    }

    /// <inheritdoc />
    public VideoInfo Info { get; }

    /// <inheritdoc />
    public IReadOnlyList<FrameSizeChange> SizeChanges { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<DamagedFrame> DamagedFrames => _damaged;

    /// <inheritdoc />
    public IEnumerable<Frame> ReadFrames(CancellationToken cancellationToken = default)
    {
        if (_process is not null) throw new InvalidOperationException("ReadFrames can be enumerated only once");
        int w = Info.Width, h = Info.Height, frameBytes = w * h * 3;
        // -vsync passthrough keeps one output frame per decoded frame (no duplicated or dropped frames).
        _process = FfmpegTools.Start("ffmpeg",
            ["-nostdin", "-v", "error", "-i", Info.Path, "-map", "0:v:0", "-vsync", "passthrough",
             "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{w}x{h}", "pipe:1"], redirectInput: false);
        var stderr = new StringBuilder();
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        var stdout = _process.StandardOutput.BaseStream;
        PipeCapacity.TryEnlarge(stdout);
        var pool = new BufferPool<byte>();
        int index = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pixels = pool.Rent(frameBytes);
            int read = stdout.ReadAtLeast(pixels, frameBytes, throwOnEndOfStream: false);
            if (read == 0)
            {
                pool.Return(pixels);
                break;
            }
            if (read < frameBytes)
                throw new VideoFormatException($"{Info.Path}: truncated video: frame {index + 1} ended after {read} of {frameBytes} bytes");
            yield return new Frame(index++, w, h, pixels, pool);
        }
        _process.WaitForExit();
        string errors;
        lock (stderr) errors = stderr.ToString();
        if (_process.ExitCode != 0)
            throw new VideoFormatException($"{Info.Path}: decoding failed after {index} frames: {FfmpegTools.FirstLine(errors)}");
        if (index == 0) throw new VideoFormatException($"{Info.Path}: no frame could be decoded");
        if (Info.FrameCount is int expected && index < expected && errors.Length > 0)
            throw new VideoFormatException($"{Info.Path}: truncated or corrupt video: {index} of {expected} frames decoded: {FfmpegTools.FirstLine(errors)}");
        if (errors.Length > 0)
        {
            int? frame = FfmpegDamageLocator.FirstDamagedFrame(Info.Path);
            string problem = $"the decoder reported damage {(frame is int f ? $"near frame {f}" : "(frame not known)")}: {FfmpegTools.FirstLine(errors)}";
            if (_damagedPolicy != DamagedFramePolicy.Use)
                throw new VideoFormatException($"{Info.Path}: {problem}; FFmpeg filled the damage in, so --damaged-frames use keeps what it decoded (skip needs a folder of frames)");
            _damaged.Add(new DamagedFrame((frame ?? 0) - 1, Info.Path, problem, DamagedFramePolicy.Use));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
        _process.Dispose();
        _process = null;
    }
}
