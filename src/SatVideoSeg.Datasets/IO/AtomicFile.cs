namespace SatVideoSeg.Datasets.IO;

/// <summary>
/// Writes files so that readers see either the old file or the complete new one: the content goes
/// to a temporary name unique to this run in the same folder (<see cref="Core.Files.PartialFileName"/>) and is renamed over the destination when complete.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes text atomically (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = Core.Files.PartialFileName.For(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                stream.Write(bytes);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            // A full disk or a cancelled run leaves no temporary file behind.
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes text atomically as <paramref name="write"/> streams it (UTF-8, no BOM), without first holding all of it in one string.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = Core.Files.PartialFileName.For(full);
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
                write(writer);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Opens a writer on the temporary file; <see cref="AtomicTextWriter.Commit"/> renames it into place.</summary>
    public static AtomicTextWriter CreateText(string path) => new(path);
}
