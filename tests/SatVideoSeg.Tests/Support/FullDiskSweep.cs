namespace SatVideoSeg.Tests.Support;

/// <summary>
/// Runs a job on a <see cref="SmallDisk"/> with 0, 1, 2, ... free pages, a fresh output folder
/// each time, until the disk fills while the job writes its last output: so the disk fills at
/// every write of the run in turn, each output's included (a real ENOSPC, no injected failure).
/// Returns what each failed run said and left.
/// </summary>
public static class FullDiskSweep
{
    /// <summary>One run that met the full disk.</summary>
    /// <param name="FreePages">Free pages when it started.</param>
    /// <param name="Output">The first of the outputs named in its error (null when none is).</param>
    /// <param name="Message">Its error.</param>
    /// <param name="FilesLeft">Files left in the output folder.</param>
    public sealed record Failure(int FreePages, string? Output, string Message, IReadOnlyList<string> FilesLeft);

    /// <summary>
    /// Sweeps until a run fails at <paramref name="outputs"/>' last; the output folder of that run
    /// is left as it was (the disk still full) for the caller to check and resume.
    /// </summary>
    /// <param name="disk">The disk, with <paramref name="outputFolder"/> on it.</param>
    /// <param name="outputFolder">Deleted before each run.</param>
    /// <param name="run">Runs the job once.</param>
    /// <param name="outputs">Names of the outputs, in the order the job writes them (as they appear in error messages).</param>
    /// <param name="maxPages">Gives up past this many free pages.</param>
    public static IReadOnlyList<Failure> Run(SmallDisk disk, string outputFolder, Action run, IReadOnlyList<string> outputs, int maxPages = 400)
    {
        var failures = new List<Failure>();
        for (int pages = 0; pages <= maxPages; pages++)
        {
            if (Directory.Exists(outputFolder)) Directory.Delete(outputFolder, recursive: true);
            disk.FillAllBut(pages);
            try
            {
                run();
            }
            catch (Exception e)
            {
                string? output = outputs.Where(e.Message.Contains).MinBy(e.Message.IndexOf);
                failures.Add(new Failure(pages, output, $"{e.GetType().Name}: {e.Message}", disk.FilesBelow(outputFolder)));
                if (output == outputs[^1]) return failures;
                continue;
            }
            throw new InvalidOperationException($"the run succeeded with {pages} free pages before the disk filled at {outputs[^1]}; failures: {Describe(failures)}");
        }
        throw new InvalidOperationException($"no run failed at {outputs[^1]} within {maxPages} free pages; failures: {Describe(failures)}");
    }

    /// <summary>One line per failure, for assertion messages.</summary>
    public static string Describe(IEnumerable<Failure> failures) =>
        string.Join("\n", failures.Select(f => $"{f.FreePages} pages: {f.Output ?? "?"}: left [{string.Join(", ", f.FilesLeft)}]: {f.Message}"));
}
