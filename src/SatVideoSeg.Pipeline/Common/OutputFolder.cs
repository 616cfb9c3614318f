namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// The <c>--out</c> folder of a job: checked before any work (errors say <c>--out</c>), created
/// only once the inputs have passed their checks, and removed again when the job fails and
/// leaves it as empty as the job found it absent (no empty folders from failed runs).
/// </summary>
public sealed class OutputFolder
{
    private readonly bool _existed;

    private OutputFolder(string path, bool existed)
    {
        Path = path;
        _existed = existed;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Checks that <paramref name="path"/> can be a folder (it is not a file, nor below one); creates nothing.</summary>
    public static OutputFolder Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new JobException("--out: give a folder");
        if (File.Exists(path)) throw new JobException($"--out {path}: is a file, not a folder; give a folder");
        for (var parent = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); !string.IsNullOrEmpty(parent); parent = System.IO.Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) throw new JobException($"--out {path}: {parent} is a file, so no folder can be made below it");
            if (Directory.Exists(parent)) break;
        }
        return new OutputFolder(path, Directory.Exists(path));
    }

    /// <summary>Creates the folder (once the inputs are known good); errors say <c>--out</c>.</summary>
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
    }

    /// <summary>After a failed job: removes the folder if the job created it and no file is left in it (empty sub-folders go with it).</summary>
    public void RemoveIfCreatedAndEmpty()
    {
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
}
