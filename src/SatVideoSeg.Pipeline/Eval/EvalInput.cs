using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>A ground-truth or prediction set: its detected layout and its sequences.</summary>
public sealed class EvalInput
{
    private EvalInput(string path, EvalInputFormat format, IReadOnlyList<EvalSequence> sequences)
    {
        Path = path;
        Format = format;
        Sequences = sequences;
    }

    /// <summary>The path given.</summary>
    public string Path { get; }

    /// <summary>The layout detected.</summary>
    public EvalInputFormat Format { get; }

    /// <summary>Its sequences, by name order.</summary>
    public IReadOnlyList<EvalSequence> Sequences { get; }

    /// <summary>
    /// Detects the layout of <paramref name="path"/> and opens it: a .txt file is MOTS; a folder whose
    /// subfolders hold gt/gt.txt is MOTSChallenge ground truth; a folder of .txt files (directly or in
    /// data/) is a tracker folder; a folder of PNGs, or of subfolders of PNGs, is DAVIS.
    /// </summary>
    /// <param name="path">File or folder.</param>
    /// <param name="role">"ground truth" or "prediction", for messages.</param>
    /// <param name="isGroundTruth">Whether DAVIS void pixels (255) are read.</param>
    /// <param name="frameBase">First frame number of MOTS files (1 MOTSChallenge, 0 KITTI).</param>
    /// <param name="groundTruth">The ground truth already opened, for a YouTube-VIS results file (which names only video and category ids).</param>
    public static EvalInput Open(string path, string role, bool isGroundTruth, int frameBase, EvalInput? groundTruth = null)
    {
        if (File.Exists(path))
        {
            string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (ext == ".txt") return new EvalInput(path, EvalInputFormat.MotsFile, [new MotsSequence(SequenceNameOf(path), path, frameBase)]);
            if (ext == ".json")
            {
                if (!YouTubeVisReader.IsResultsFile(path)) return new EvalInput(path, EvalInputFormat.YouTubeVisJson, YouTubeVisReader.ReadGroundTruth(path));
                if (groundTruth is null || groundTruth.Format != EvalInputFormat.YouTubeVisJson)
                    throw new JobException($"{path}: a YouTube-VIS results list needs a YouTube-VIS ground-truth JSON as --gt (it names videos and categories by id only)");
                return new EvalInput(path, EvalInputFormat.YouTubeVisJson, YouTubeVisReader.ReadResults(path, groundTruth.Path));
            }
            throw new JobException($"{path}: cannot tell the {role} format from the extension '{ext}' (expected a MOTS .txt file, a YouTube-VIS .json file or a folder)");
        }
        if (!Directory.Exists(path)) throw new JobException($"{path}: no such {role} file or folder");

        var subfolders = Directory.GetDirectories(path).Order(StringComparer.Ordinal).ToArray();
        var motsChallenge = subfolders.Where(d => File.Exists(System.IO.Path.Combine(d, "gt", "gt.txt"))).ToArray();
        if (motsChallenge.Length > 0)
        {
            var sequences = motsChallenge.Select(d =>
            {
                string ini = System.IO.Path.Combine(d, "seqinfo.ini");
                var info = File.Exists(ini) ? SeqInfo.Read(ini) : null;
                return (EvalSequence)new MotsSequence(System.IO.Path.GetFileName(d), System.IO.Path.Combine(d, "gt", "gt.txt"), frameBase, info);
            }).ToArray();
            return new EvalInput(path, EvalInputFormat.MotsChallengeFolder, sequences);
        }
        string txtFolder = Directory.GetFiles(path, "*.txt").Length == 0 && Directory.Exists(System.IO.Path.Combine(path, "data"))
            ? System.IO.Path.Combine(path, "data")
            : path;
        var txt = Directory.GetFiles(txtFolder, "*.txt").Order(StringComparer.Ordinal).ToArray();
        if (txt.Length > 0)
            return new EvalInput(path, EvalInputFormat.MotsTrackerFolder, txt.Select(f => (EvalSequence)new MotsSequence(System.IO.Path.GetFileNameWithoutExtension(f), f, frameBase)).ToArray());
        if (Directory.GetFiles(path, "*.png").Length > 0)
            return new EvalInput(path, EvalInputFormat.DavisFolder, [new DavisSequence(path, isGroundTruth)]);
        var davis = subfolders.Where(d => Directory.GetFiles(d, "*.png").Length > 0).ToArray();
        if (davis.Length > 0)
            return new EvalInput(path, EvalInputFormat.DavisFolder, davis.Select(d => (EvalSequence)new DavisSequence(d, isGroundTruth)).ToArray());
        throw new JobException($"{path}: no {role} found: expected a MOTS .txt file, <seq>/gt/gt.txt folders (MOTSChallenge), <seq>.txt files (tracker folder) or <seq>/00000.png folders (DAVIS)");
    }

    // "gt.mots.txt" -> "gt": file names of single-file inputs often carry double extensions.
    private static string SequenceNameOf(string file)
    {
        string name = System.IO.Path.GetFileName(file);
        int dot = name.IndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }
}
