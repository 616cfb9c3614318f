using System.Diagnostics;

namespace SatVideoSeg.Video.Ffmpeg;

/// <summary>
/// Finds and starts the ffmpeg/ffprobe executables. We drive FFmpeg through plain pipes rather than
/// a wrapper library: decoding must hand out exactly one frame per read (pull-based, bounded
/// memory) and encoding must fail loudly, which raw processes make explicit.
/// </summary>
public static class FfmpegTools
{
    /// <summary>Starts a tool with redirected streams, in a session of its own (<see cref="OwnSession"/>); throws a clear error when it is not installed.</summary>
    public static Process Start(string tool, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        OwnSession.Apply(info);
        try
        {
            return Process.Start(info) ?? throw new VideoFormatException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new VideoFormatException($"{tool} is not installed or not on PATH (install it with: apt-get install -y ffmpeg)", e);
        }
    }

    /// <summary>Runs a tool to completion and returns its standard output; a non-zero exit throws with its stderr.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, string what, CancellationToken cancellationToken = default)
    {
        using var p = Start(tool, arguments, redirectInput: false);
        // A cancelled run does not wait for its child: the child is killed, and the caller's
        // OperationCanceledException (below) says why it stopped.
        using var stop = cancellationToken.Register(() => KillQuietly(p));
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        if (p.ExitCode != 0) throw new VideoFormatException($"{what}: {FirstLine(stderr.Result)}");
        return stdout;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
    }

    /// <summary>ffmpeg's version string ("6.1.1-..."), or "not installed".</summary>
    public static string Version()
    {
        try
        {
            string first = FirstLine(Run("ffmpeg", ["-version"], "ffmpeg -version"));
            var parts = first.Split(' ');
            return parts.Length > 2 ? parts[2] : first;
        }
        catch (VideoFormatException)
        {
            return "not installed";
        }
    }

    /// <summary>The first non-empty line of a tool's error output (or a placeholder).</summary>
    public static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? "(no message)" : line;
    }
}
