using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Synth;
using SatVideoSeg.Video.Sinks;

namespace SatVideoSeg.Pipeline.Synth;

/// <summary>
/// `satvidseg synth --layout`: writes a synthetic video as a tracking benchmark, frames as images,
/// with the tight box of every visible object (the boxes are identical in every layout):
/// <list type="bullet">
/// <item>satmtb: <c>&lt;cls&gt;/01/img/000001.png</c> per class present, <c>mot/01.txt</c>, <c>det/HBB</c>, <c>det/OBB</c> (axis-aligned corners).</item>
/// <item>viso: <c>&lt;cat&gt;/001/img/000001.jpg</c> + <c>gt/gt.txt</c> per class (car, train comma-separated xywh; plane, ship space-separated xyxy).</item>
/// <item>sot / ootb: one sequence per object, <c>&lt;class&gt;_&lt;id&gt;/img/000001.jpg</c> + <c>groundtruth.txt</c> (rows of -1 where the object is not visible; OOTB rows are the box's corners).</item>
/// <item>mot: <c>synth/img1/000001.jpg</c> + <c>synth/gt/gt.txt</c> with every object.</item>
/// </list>
/// Multi-class scenes are split by class for satmtb and viso because those benchmarks group sequences by category.
/// </summary>
public static class SynthLayoutWriter
{
    /// <summary>Generates and writes; returns the number of object-frames.</summary>
    public static int Run(SynthOptions options, BenchmarkLayout layout, string outputDirectory, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new JobException("invalid synth options: " + string.Join("; ", problems));
        if (layout == BenchmarkLayout.Auto) throw new JobException("synth --layout needs a concrete layout: satmtb, viso, sot, ootb or mot");
        // Frames go to a staging folder first (named for this run): which sequence folders exist is
        // known only once every object has appeared, and each of them gets every frame.
        string staging = Core.Files.PartialFileName.For(Path.Combine(outputDirectory, ".frames"));
        return OutputFolder.Run(outputDirectory, folder =>
        {
            try
            {
                folder.Create();
                return Write(options, layout, outputDirectory, staging, progress, cancellationToken);
            }
            catch
            {
                // A failed or cancelled run leaves neither its staged frames nor (OutputFolder.Run) a folder it made.
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
                throw;
            }
        });
    }

    private static int Write(SynthOptions options, BenchmarkLayout layout, string outputDirectory, string staging, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var boxes = new List<BenchmarkBox>();
        int frames = 0;
        foreach (var synthFrame in new SynthVideoGenerator().Generate(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = synthFrame.Frame;
            foreach (var o in synthFrame.Objects) boxes.Add(new BenchmarkBox(frame.Index, o.TrackId, o.Class, o.Box));
            ImageFileWriter.Write(Path.Combine(staging, FrameName(layout, frame.Index)), frame);
            frames++; // not inside the progress call: with no progress the arguments are not evaluated
            progress?.Report(new JobProgress("synth", frames, options.FrameCount));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var folders = boxes.Select(b => SequenceFolder(layout, b.Class, b.TrackId)).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (folders.Length == 0) folders = [SequenceFolder(layout, ObjectClass.Car, 1)];
        foreach (var folder in folders)
        {
            string images = Path.Combine(outputDirectory, folder, layout == BenchmarkLayout.Mot ? "img1" : "img");
            Directory.CreateDirectory(images);
            for (int i = 0; i < frames; i++)
                File.Copy(Path.Combine(staging, FrameName(layout, i)), Path.Combine(images, FrameName(layout, i)), overwrite: true);
        }
        Directory.Delete(staging, recursive: true);
        WriteAnnotations(layout, outputDirectory, boxes, frames);
        return boxes.Count;
    }

    private static string SequenceFolder(BenchmarkLayout layout, ObjectClass cls, int trackId) => layout switch
    {
        BenchmarkLayout.SatMtb => Path.Combine(ObjectClasses.Name(cls), "01"),
        BenchmarkLayout.Viso => Path.Combine(VisoCategory(cls), "001"),
        BenchmarkLayout.Sot or BenchmarkLayout.Ootb => $"{ObjectClasses.Name(cls)}_{trackId.ToString("D3", CultureInfo.InvariantCulture)}",
        _ => "synth",
    };

    private static string VisoCategory(ObjectClass cls) => cls == ObjectClass.Airplane ? "plane" : ObjectClasses.Name(cls);

    private static string FrameName(BenchmarkLayout layout, int index) =>
        (index + 1).ToString("D6", CultureInfo.InvariantCulture) + (layout == BenchmarkLayout.SatMtb ? ".png" : ".jpg");

    private static void WriteAnnotations(BenchmarkLayout layout, string root, IReadOnlyList<BenchmarkBox> boxes, int frames)
    {
        switch (layout)
        {
            case BenchmarkLayout.SatMtb:
                foreach (var g in boxes.GroupBy(b => b.Class))
                    SatMtbFormat.Save(root, ObjectClasses.Name(g.Key), "01", frames, g.ToArray());
                break;
            case BenchmarkLayout.Viso:
                foreach (var g in boxes.GroupBy(b => b.Class))
                    VisoFormat.Save(root, VisoCategory(g.Key), "001", g.ToArray(), commaVariant: g.Key is ObjectClass.Car or ObjectClass.Train);
                break;
            case BenchmarkLayout.Sot:
            case BenchmarkLayout.Ootb:
                foreach (var g in boxes.GroupBy(b => b.TrackId))
                    SotFormat.Save(Path.Combine(root, SequenceFolder(layout, g.First().Class, g.Key)), frames, g.ToArray(), layout, layout == BenchmarkLayout.Sot ? '\t' : ',');
                break;
            default:
                MotChallengeFormat.Save(Path.Combine(root, "synth"), boxes);
                break;
        }
    }
}
