using System.Diagnostics;

namespace SatVideoSeg.Video.Ffmpeg;

/// <summary>
/// Starts our child processes (ffmpeg, ffprobe) in a session of their own, through `setsid`
/// (util-linux, or busybox). A signal for our whole process group — Ctrl+C in a terminal, `timeout`,
/// `kill -- -PGID` — then reaches satvidseg alone, which cancels the job and stops its children
/// itself. In our group they died with the same signal (ffmpeg quits on SIGINT/SIGTERM): the
/// encoder's pipe broke before the cancellation was seen and the run ended "encoder stopped at
/// frame N" (exit 1) instead of cancelled (exit 130). Making the child ignore the signals instead
/// would not work: .NET resets the signals it handles to their default in a child, and ffmpeg
/// installs its own SIGINT/SIGTERM handlers anyway.
/// </summary>
internal static class OwnSession
{
    private static readonly string? Setsid = OperatingSystem.IsLinux() ? FindOnPath("setsid") : null;

    /// <summary>
    /// Rewrites <paramref name="info"/> to run its program under setsid. setsid execs in place (a
    /// freshly forked child is never a group leader, so it does not fork again): the pid, exit code
    /// and kill of the Process stay those of the program itself. Where setsid or the program is
    /// not found, <paramref name="info"/> is left as it is (the child stays in our group, and a
    /// missing program is still reported by Process.Start).
    /// </summary>
    public static void Apply(ProcessStartInfo info)
    {
        if (Setsid is null) return;
        string? program = FindOnPath(info.FileName);
        if (program is null) return;
        info.ArgumentList.Insert(0, program);
        info.FileName = Setsid;
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains('/')) return IsExecutable(name) ? name : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
