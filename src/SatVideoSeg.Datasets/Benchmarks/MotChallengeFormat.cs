using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// Generic MOT (MOTChallenge-like): <c>&lt;seq&gt;/gt/gt.txt</c> (<c>frame,id,x,y,w,h,conf,class</c>,
/// 1-based frames, our class ids 1 airplane, 2 ship, 3 train, 4 car) with frames in
/// <c>&lt;seq&gt;/img1/</c> or <c>&lt;seq&gt;/img/</c>. Parsing is <see cref="BoxFileReader"/>'s MOT reader.
/// </summary>
public static class MotChallengeFormat
{
    /// <summary>Reads every <c>&lt;seq&gt;</c> folder with gt/gt.txt under the root, in ordinal order.</summary>
    public static IReadOnlyList<BenchmarkSequence> Load(string root) =>
        FramesFolder.SubFolders(root).Where(IsSequence).Select(f => LoadSequence(root, f)).ToArray();

    /// <summary>True when a folder holds gt/gt.txt.</summary>
    public static bool IsSequence(string folder) => File.Exists(Path.Combine(folder, "gt", "gt.txt"));

    /// <summary>Reads one sequence folder.</summary>
    public static BenchmarkSequence LoadSequence(string root, string folder)
    {
        string file = Path.Combine(folder, "gt", "gt.txt");
        var annotations = BoxFileReader.Read(file, BoxFileFormat.Mot);
        var boxes = annotations.Frames.SelectMany(annotations.ForFrame)
            .Select(b => new BenchmarkBox(b.FrameIndex, b.TrackId, b.Class, b.Box))
            .OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).ToArray();
        string frames = FramesFolder.Find(folder) ?? Path.Combine(folder, "img1");
        return new BenchmarkSequence(BenchmarkSequence.NameFrom(Path.GetRelativePath(root, folder)), frames, file, BenchmarkLayout.Mot, boxes);
    }

    /// <summary>Writes <c>&lt;folder&gt;/gt/gt.txt</c> (frame images are the caller's, in <c>img1/</c>).</summary>
    public static void Save(string folder, IReadOnlyList<BenchmarkBox> boxes)
    {
        var lines = boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId)
            .Select(b => MotBoxWriter.FormatLine(b.FrameIndex, b.TrackId, b.Box, (int)b.Class) + "\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "gt", "gt.txt"), string.Concat(lines));
    }
}
