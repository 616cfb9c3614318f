using System.Diagnostics;

namespace SatVideoSeg.Tests.Support;

/// <summary>Opens a local page in headless Chromium as a user would, and collects what its console said.</summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Screenshots <paramref name="page"/> into <paramref name="screenshot"/>; returns the exit code and the console lines (errors, uncaught exceptions, console.* calls).</summary>
    public static (int ExitCode, IReadOnlyList<string> ConsoleLines, string Stderr) Screenshot(string page, string screenshot, int width = 1280, int height = 2000)
    {
        string profile = Path.Combine(Path.GetTempPath(), "satvidseg-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var info = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                $"--screenshot={screenshot}", $"--window-size={width},{height}", new Uri(Path.GetFullPath(page)).AbsoluteUri,
            }) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish rendering {page} in 120 s");
            }
            _ = stdout.Result;
            // Console messages come out as "...:INFO:CONSOLE(line)] "text", source: ..." with --enable-logging=stderr.
            var console = stderr.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToArray();
            return (p.ExitCode, console, stderr);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
