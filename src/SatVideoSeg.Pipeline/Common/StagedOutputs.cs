using SatVideoSeg.Core.Files;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// The outputs of one run (or of one `convert` sequence), published together: each writer is given
/// a staged name beside its destination (<see cref="Stage"/>, <see cref="StageFolder"/>) and
/// <see cref="Publish"/> renames them all into place once the last one is complete. A publish that
/// fails part way puts back what it replaced, so readers see the whole old set or the whole new one;
/// disposing without publishing deletes every staged file. Per-file atomic writes were not enough
/// (issue 17: a full disk at report.html left tracks.mots.txt, overlay.mp4 and run.json published).
/// </summary>
/// <remarks>
/// Staged names are <see cref="PartialFileName"/>s in the destination's folder, so publishing is a
/// rename on one file system and needs no free space. A new output joins the set by writing to
/// <c>Stage(destination)</c> instead of <c>destination</c>; the order of the calls is the order of
/// publishing (put a done marker last). Writers that are atomic themselves (AtomicFile, the FFmpeg
/// sinks) may be given the staged name as is: they rename their own temporary file onto it.
/// What is not covered: a process killed during the renames themselves (microseconds) may leave part of the set.
/// </remarks>
public sealed class StagedOutputs : IDisposable
{
    private readonly List<Output> _outputs = [];
    // Folders made for the outputs (mots/<seq>/gt), deepest first: an unpublished run removes them again when empty.
    private readonly List<string> _createdFolders = [];
    private readonly bool _ownsDestinations;
    private bool _published;

    /// <summary>A set with nothing staged yet.</summary>
    /// <param name="ownsDestinations">
    /// The caller holds the destinations exclusively (segment's folder lock, convert's sequence
    /// lock): staging one first deletes what a killed run (SIGKILL, node loss) staged for it. Without
    /// a lock (render) such files stay, as they may be another live run's.
    /// </param>
    public StagedOutputs(bool ownsDestinations = false) => _ownsDestinations = ownsDestinations;

    /// <summary>Where to write the file <paramref name="destination"/> during the run; its folder is created.</summary>
    public string Stage(string destination) => Add(destination, isFolder: false);

    /// <summary>Where to write the folder <paramref name="destination"/> (e.g. one PNG per frame) during the run; the staged folder is created.</summary>
    public string StageFolder(string destination)
    {
        string staged = Add(destination, isFolder: true);
        Directory.CreateDirectory(staged);
        return staged;
    }

    /// <summary>
    /// Renames every staged output into place, in the order staged. On failure, the outputs already
    /// renamed are removed and the files they replaced put back, and the error is rethrown.
    /// </summary>
    /// <exception cref="IOException">An output was never written, or a rename failed (the set is rolled back).</exception>
    public void Publish()
    {
        if (_published) throw new InvalidOperationException("the outputs were published already");
        foreach (var o in _outputs)
        {
            if (!o.StagedExists) throw new IOException($"{o.Destination}: the run staged this output but never wrote it; nothing was published");
        }
        var done = new List<Output>();
        try
        {
            foreach (var o in _outputs)
            {
                o.MoveAsideWhatItReplaces();
                done.Add(o);
                o.MoveIntoPlace();
            }
        }
        catch
        {
            for (int i = done.Count - 1; i >= 0; i--) done[i].RollBack();
            throw;
        }
        _published = true;
        foreach (var o in _outputs) o.DeleteReplaced();
    }

    /// <summary>Deletes what was staged and not published, and the folders made for it when empty (a failed or cancelled run leaves none of it).</summary>
    public void Dispose()
    {
        if (_published) return;
        foreach (var o in _outputs) o.DeleteStaged();
        foreach (string folder in _createdFolders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: another run may be filling it.
            }
        }
    }

    private string Add(string destination, bool isFolder)
    {
        string full = Path.GetFullPath(destination);
        if (_outputs.Any(o => o.Destination == full)) throw new ArgumentException($"{full} is staged twice", nameof(destination));
        string folder = Path.GetDirectoryName(full)!;
        CreateFolder(folder);
        if (_ownsDestinations) DeleteLeftovers(folder, Path.GetFileName(full));
        var output = new Output(full, PartialFileName.For(full), isFolder);
        _outputs.Add(output);
        return output.Staged;
    }

    // "<name>.<pid>-<n>.partial" files and folders, and the writers' own temporaries below them.
    private static void DeleteLeftovers(string folder, string name)
    {
        foreach (string leftover in Directory.EnumerateFileSystemEntries(folder, $"{name}.*{PartialFileName.Suffix}"))
        {
            if (Directory.Exists(leftover)) Directory.Delete(leftover, recursive: true);
            else File.Delete(leftover);
        }
    }

    private void CreateFolder(string folder)
    {
        var missing = new List<string>();
        for (string? f = folder; !string.IsNullOrEmpty(f) && !Directory.Exists(f); f = Path.GetDirectoryName(f)) missing.Add(f);
        Directory.CreateDirectory(folder);
        _createdFolders.InsertRange(0, missing.Where(f => !_createdFolders.Contains(f)));
    }

    // One output: its staged name and, during a publish, the earlier file it replaces.
    private sealed class Output(string destination, string staged, bool isFolder)
    {
        private string? _replaced;
        private bool _inPlace;

        public string Destination => destination;
        public string Staged => staged;
        public bool StagedExists => isFolder ? Directory.Exists(staged) : File.Exists(staged);

        public void MoveAsideWhatItReplaces()
        {
            bool file = File.Exists(destination), folder = Directory.Exists(destination);
            if (!file && !folder) return;
            // A folder where a file goes (or the reverse) is the user's, not an earlier output: never replaced.
            if (folder != isFolder)
                throw new IOException($"{destination}: a {(folder ? "folder" : "file")} is in the way of this output; move it and run again");
            string aside = PartialFileName.For(destination);
            try
            {
                Move(destination, aside, folder);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return; // another run (a `convert` shard finishing too) moved it first: nothing to put back
            }
            _replaced = aside;
        }

        public void MoveIntoPlace()
        {
            Move(staged, destination, isFolder);
            _inPlace = true;
        }

        // Best effort: the publish's own error is the one to report.
        public void RollBack() => BestEffort(() =>
        {
            if (_inPlace) Delete(destination, isFolder);
            if (_replaced is not null) Move(_replaced, destination, Directory.Exists(_replaced));
        });

        public void DeleteReplaced() => BestEffort(() => { if (_replaced is not null) Delete(_replaced, Directory.Exists(_replaced)); });

        public void DeleteStaged() => BestEffort(() => Delete(staged, isFolder));

        // A file that appeared in the meantime is another run's publish of the same output
        // (`convert` shards writing report.json at once): overwritten, as a plain atomic write would.
        private static void Move(string from, string to, bool folder)
        {
            if (folder) Directory.Move(from, to);
            else File.Move(from, to, overwrite: true);
        }

        private static void Delete(string path, bool folder)
        {
            if (folder && Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (!folder && File.Exists(path)) File.Delete(path);
        }

        private static void BestEffort(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
