using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// Single-object ground truth (SatSOT, SV248S and most SOT sets) and OOTB: a folder per sequence
/// with <c>groundtruth.txt</c> (line k = frame k) and its frames (<c>img/</c> or the folder itself).
/// SOT lines hold x,y,w,h; OOTB lines hold an oriented box x1,y1,..,x4,y4 whose enclosing
/// axis-aligned box is used (the corners are kept on the box). Rows are read by
/// <see cref="SotGroundTruth"/>: one separator per file (comma, semicolon, or spaces/tabs), whole
/// rows of -1, NaN or 0 mean "not annotated" and are counted. The object gets id 1
/// and the class named by the sequence path ("car_01", "plane/003"), Unknown otherwise.
/// </summary>
public static class SotFormat
{
    /// <summary>Name of the ground-truth file.</summary>
    public const string GroundTruthFile = "groundtruth.txt";

    /// <summary>Finds every folder holding groundtruth.txt up to three levels below the root, in ordinal order.</summary>
    public static IReadOnlyList<string> FindSequenceFolders(string root)
    {
        var found = new List<string>();
        void Walk(string dir, int depth)
        {
            if (File.Exists(Path.Combine(dir, GroundTruthFile)) && depth > 0) { found.Add(dir); return; }
            if (depth == 3) return;
            foreach (var sub in FramesFolder.SubFolders(dir)) Walk(sub, depth + 1);
        }
        Walk(root, 0);
        if (found.Count == 0 && File.Exists(Path.Combine(root, GroundTruthFile))) found.Add(root);
        return found;
    }

    /// <summary>Number of values on the first data line of a groundtruth.txt (4 for SOT, 8 for OOTB), 0 when it has none.</summary>
    public static int ValuesPerLine(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (AnnotationTextFile.IsBlank(line) || AnnotationTextFile.IsComment(line)) continue;
            return AnnotationTextFile.Split(line, AnnotationTextFile.Choose(line, SotGroundTruth.Separators)).Length;
        }
        return 0;
    }

    /// <summary>Reads every sequence of the given kind (<see cref="BenchmarkLayout.Sot"/> or <see cref="BenchmarkLayout.Ootb"/>) under the root.</summary>
    public static IReadOnlyList<BenchmarkSequence> Load(string root, BenchmarkLayout layout)
    {
        if (layout is not (BenchmarkLayout.Sot or BenchmarkLayout.Ootb)) throw new ArgumentException($"SotFormat reads sot or ootb, not {layout}");
        return FindSequenceFolders(root).Select(f => LoadSequence(root, f, layout)).ToArray();
    }

    /// <summary>Reads one sequence folder.</summary>
    public static BenchmarkSequence LoadSequence(string root, string folder, BenchmarkLayout layout)
    {
        string file = Path.Combine(folder, GroundTruthFile);
        int expected = layout == BenchmarkLayout.Ootb ? 8 : 4;
        string relative = Path.GetRelativePath(root, folder);
        if (relative == ".") relative = Path.GetFileName(Path.GetFullPath(folder));
        var cls = ClassNames.FromLabel(relative);
        var truth = SotGroundTruth.Read(file, oriented: layout == BenchmarkLayout.Ootb);
        var boxes = truth.Rows.Select(r => new BenchmarkBox(r.FrameIndex, 1, cls, r.Box) { Corners = r.Corners }).ToArray();
        string frames = FramesFolder.Find(folder) ?? folder;
        return new BenchmarkSequence(BenchmarkSequence.NameFrom(relative), frames, file, layout, boxes) { NoBoxRows = truth.NoBoxRows };
    }

    /// <summary>
    /// Writes <c>&lt;folder&gt;/groundtruth.txt</c> with one line per frame (frames without a box get
    /// a row of -1); OOTB rows hold the box's corners (its axis-aligned corners when it has none).
    /// </summary>
    public static void Save(string folder, int frameCount, IReadOnlyList<BenchmarkBox> boxes, BenchmarkLayout layout, char separator = ',') =>
        AtomicFile.WriteAllText(Path.Combine(folder, GroundTruthFile), Format(frameCount, boxes, layout, separator));

    /// <summary>The text <see cref="Save"/> writes.</summary>
    public static string Format(int frameCount, IReadOnlyList<BenchmarkBox> boxes, BenchmarkLayout layout, char separator = ',')
    {
        var byFrame = boxes.ToDictionary(b => b.FrameIndex);
        int values = layout == BenchmarkLayout.Ootb ? 8 : 4;
        var sb = new System.Text.StringBuilder();
        for (int f = 0; f < frameCount; f++)
        {
            IEnumerable<double> row;
            if (!byFrame.TryGetValue(f, out var b)) row = Enumerable.Repeat(-1.0, values);
            else if (layout == BenchmarkLayout.Ootb) row = b.Corners ?? [b.Box.X0, b.Box.Y0, b.Box.X1, b.Box.Y0, b.Box.X1, b.Box.Y1, b.Box.X0, b.Box.Y1];
            else { var r = b.Box.ToXywh(); row = [r.X, r.Y, r.W, r.H]; }
            sb.Append(string.Join(separator, row.Select(AnnotationText.Format))).Append('\n');
        }
        return sb.ToString();
    }
}
