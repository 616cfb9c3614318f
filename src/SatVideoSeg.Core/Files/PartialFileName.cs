using System.Globalization;

namespace SatVideoSeg.Core.Files;

/// <summary>
/// The name an output is written under before it is renamed into place:
/// "&lt;destination&gt;.&lt;pid&gt;-&lt;n&gt;.partial", unique to this process and to each writer in
/// it. A fixed name ("&lt;destination&gt;.partial") let two runs writing the same output open,
/// truncate, rename and delete each other's temporary files (issue 20: one run's overlay.mp4
/// unreadable, the other's rename failing). Only the name is made here, no file.
/// </summary>
public static class PartialFileName
{
    /// <summary>The suffix every temporary name ends with (what cleanup scripts and tests look for).</summary>
    public const string Suffix = ".partial";

    private static long _next;

    /// <summary>A temporary name beside <paramref name="destination"/>, in the same folder so that the final rename is atomic.</summary>
    public static string For(string destination) =>
        string.Create(CultureInfo.InvariantCulture, $"{destination}.{Environment.ProcessId}-{Interlocked.Increment(ref _next)}{Suffix}");
}
