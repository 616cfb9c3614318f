using System.Diagnostics;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// A named pipe (mkfifo) standing in for an input file, so a test knows the moment a child process
/// is inside its job: opening the pipe for writing returns only once the child has opened it for
/// reading, and the child's read then waits until the test writes the content. That makes "a
/// signal arrives mid-run" deterministic, whatever the machine's speed.
/// </summary>
public sealed class NamedPipeFile
{
    private NamedPipeFile(string path) => Path = path;

    /// <summary>The pipe's path.</summary>
    public string Path { get; }

    /// <summary>Makes the pipe.</summary>
    public static NamedPipeFile Create(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path} failed");
        return new NamedPipeFile(path);
    }

    /// <summary>Waits until a reader opens the pipe (the child has reached it), then returns the open writer.</summary>
    public Stream WaitForReader() => new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
}
