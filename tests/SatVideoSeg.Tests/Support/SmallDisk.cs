using System.Diagnostics;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a temporary folder (root only), for runs that meet a real full disk
/// (ENOSPC) instead of an injected failure. <see cref="FillAllBut"/> leaves an exact number of
/// free pages; tmpfs counts space in whole pages, so a sweep over free pages reaches every write.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    /// <summary>tmpfs's unit of space.</summary>
    public const int PageBytes = 4096;

    private readonly TempDir _mountPoint = new();
    private readonly string _filler;

    private SmallDisk(long bytes)
    {
        Run("mount", $"-t tmpfs -o size={bytes} satvidseg-test \"{_mountPoint.Path}\"");
        _filler = System.IO.Path.Combine(_mountPoint.Path, "filler");
    }

    /// <summary>The mounted folder.</summary>
    public string Path => _mountPoint.Path;

    /// <summary>Why a tmpfs cannot be mounted here (not root, no mount permission in a container); null when it can.</summary>
    public static string? WhyNot { get; } = Probe();

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/>.</summary>
    public static SmallDisk Mount(long bytes) => new(bytes);

    /// <summary>Fills the disk but for <paramref name="pages"/> free pages (the filler file is not an output of any run).</summary>
    public void FillAllBut(int pages)
    {
        using var filler = new FileStream(_filler, FileMode.Create, FileAccess.Write);
        var block = new byte[1 << 16];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // Full: now give back exactly what was asked for.
        }
        filler.SetLength(Math.Max(0, filler.Length / PageBytes * PageBytes - (long)pages * PageBytes));
    }

    /// <summary>Deletes the filler: the whole disk is free again.</summary>
    public void Free() => File.Delete(_filler);

    /// <summary>Every file on the disk but the filler, relative to <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> FilesBelow(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => f != _filler)
                .Select(f => System.IO.Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    public void Dispose()
    {
        try
        {
            Run("umount", $"\"{_mountPoint.Path}\"");
        }
        finally
        {
            _mountPoint.Dispose();
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs is Linux only";
        if (Environment.UserName != "root") return $"mounting a tmpfs needs root (running as {Environment.UserName})";
        try
        {
            using var disk = new SmallDisk(64 * 1024);
            return null;
        }
        catch (Exception e)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
    }

    private static void Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {arguments}: exit {process.ExitCode}: {errors.Trim()}");
    }
}
