namespace SatVideoSeg.Datasets.IO;

/// <summary>
/// A text writer on a temporary name beside the destination, unique to this run (<see cref="Core.Files.PartialFileName"/>), that is renamed to its destination by <see cref="Commit"/>;
/// disposing without committing deletes the partial file, so no half-written output remains.
/// </summary>
public sealed class AtomicTextWriter : IDisposable
{
    private readonly string _destination;
    private readonly string _temporary;
    private readonly StreamWriter _writer;
    private bool _committed;

    internal AtomicTextWriter(string path)
    {
        _destination = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_destination)!);
        _temporary = Core.Files.PartialFileName.For(_destination);
        _writer = new StreamWriter(_temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
    }

    /// <summary>Writes one line ending in '\n'.</summary>
    public void WriteLine(string line) => _writer.WriteLine(line);

    /// <summary>Flushes, closes and renames the file into place.</summary>
    public void Commit()
    {
        _writer.Flush();
        _writer.Dispose();
        File.Move(_temporary, _destination, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // The last buffer did not fit (a full disk): the file is discarded anyway.
        }
        finally
        {
            if (File.Exists(_temporary)) File.Delete(_temporary);
        }
    }
}
