using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Finds the frame images of a sequence folder: <c>img/</c>, <c>img1/</c> (MOTChallenge) or the folder itself.</summary>
public static class FramesFolder
{
    /// <summary>Sub-folder names tried, in order.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["img", "img1", "images", "imgs"];

    /// <summary>The folder holding the frames, or null when none holds images.</summary>
    public static string? Find(string sequenceFolder)
    {
        foreach (var name in Candidates)
        {
            string p = Path.Combine(sequenceFolder, name);
            if (HasImages(p)) return p;
        }
        return HasImages(sequenceFolder) ? sequenceFolder : null;
    }

    private static bool HasImages(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => ImageSequenceSource.ImageExtensions.Contains(Path.GetExtension(f)));

    /// <summary>Sub-folders of a folder in ordinal order (deterministic across machines).</summary>
    internal static IEnumerable<string> SubFolders(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal) : [];

    /// <summary>
    /// Folders two levels below the root (<c>&lt;category&gt;/&lt;sequence&gt;</c>, as SAT-MTB and
    /// VISO lay them out) that <paramref name="isSequence"/> accepts, in ordinal order.
    /// </summary>
    internal static IEnumerable<string> CategorySequences(string root, Func<string, bool> isSequence) =>
        SubFolders(root).SelectMany(SubFolders).Where(isSequence);
}
