namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// The <c>--out</c> folder of a job: checked before any work (errors say <c>--out</c>), created
/// only once the inputs have passed their checks, owned by one run at a time
/// (<see cref="OutputLock"/> on "&lt;out&gt;/.satvidseg.lock", taken at the check when the folder
/// exists, else as it is created, so before anything is written), and removed again when the job
/// fails and leaves it as empty as the job found it absent (no empty folders from failed runs).
/// Dispose at the end of the job to let go of the folder.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private readonly bool _existed;
    private readonly bool _shared;
    private OutputLock? _lock;

    private OutputFolder(string path, bool existed, bool shared)
    {
        Path = path;
        _existed = existed;
        _shared = shared;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>
    /// Checks that <paramref name="path"/> can be a folder (it is not a file, nor below one) and,
    /// when it exists, takes it for this run; creates nothing.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="shared">Shared with other runs that share it (`convert` shards, which lock their sequences one by one), exclusive of every other run.</param>
    /// <exception cref="JobException">The path cannot be a folder, or another run holds it: "--out &lt;dir&gt; is in use by another run (pid N)".</exception>
    public static OutputFolder Check(string path, bool shared = false)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new JobException("--out: give a folder");
        if (File.Exists(path)) throw new JobException($"--out {path}: is a file, not a folder; give a folder");
        for (var parent = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); !string.IsNullOrEmpty(parent); parent = System.IO.Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) throw new JobException($"--out {path}: {parent} is a file, so no folder can be made below it");
            if (Directory.Exists(parent)) break;
        }
        var folder = new OutputFolder(path, Directory.Exists(path), shared);
        if (folder._existed) folder.TakeLock();
        return folder;
    }

    /// <summary>
    /// Runs a job that owns the folder: <see cref="Check"/> first, the folder let go of at the end,
    /// and removed when the job fails and leaves it as empty as it found it absent
    /// (<see cref="RemoveIfCreatedAndEmpty"/>, after the job's own outputs were disposed).
    /// </summary>
    public static T Run<T>(string path, Func<OutputFolder, T> job, bool shared = false)
    {
        using var folder = Check(path, shared);
        try
        {
            return job(folder);
        }
        catch
        {
            folder.RemoveIfCreatedAndEmpty();
            throw;
        }
    }

    /// <summary>Creates the folder (once the inputs are known good) and takes it for this run; errors say <c>--out</c>.</summary>
    public void Create()
    {
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobException($"--out {Path}: cannot create the folder: {e.Message}", e);
        }
        TakeLock();
    }

    /// <summary>After a failed job: lets go of the folder and removes it if the job created it and no file is left in it (empty sub-folders go with it).</summary>
    public void RemoveIfCreatedAndEmpty()
    {
        Release();
        if (_existed || !Directory.Exists(Path) || Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Any()) return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the job's own error is the one to report.
        }
    }

    /// <summary>Lets go of the folder (deletes the lock file).</summary>
    public void Dispose() => Release();

    private void TakeLock() =>
        _lock ??= OutputLock.Take(System.IO.Path.Combine(Path, OutputLock.FolderFileName), $"--out {Path}", _shared);

    private void Release()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
