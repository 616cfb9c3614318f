using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Synth;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.FullDisk;

public class ConvertFullDiskTests
{
    [SmallDiskFact]
    public void A_Full_Disk_At_Any_Output_Of_A_Sequence_Leaves_None_Of_Its_Files_And_The_Rerun_Writes_The_Same_Bytes()
    {
        using var dir = new TempDir();
        string input = dir.File("in");
        SynthJob.Run(new SynthOptions { Width = 160, Height = 120, FrameCount = 4, Airplanes = 1, Ships = 1, Cars = 1 }, input, BenchmarkLayout.Mot);
        string sequence = BenchmarkReader.Load(input).Sequences.Single().Name;
        string reference = dir.File("reference");
        ConvertJob.Run(new ConvertOptions(input, reference) { Segmenter = "box" });
        using var disk = SmallDisk.Mount(4 << 20);
        string outDir = Path.Combine(disk.Path, "out");
        var options = new ConvertOptions(input, outDir) { Segmenter = "box" };
        // The sequence's files in the order written (DAVIS frames as they are segmented, the rest
        // at its end, its done marker last), then the files over all sequences.
        string[] sequenceFiles =
        [
            ConvertPaths.DavisSequence(outDir, sequence), ConvertPaths.MotsGt(outDir, sequence), ConvertPaths.MotsSeqInfo(outDir, sequence),
            ConvertPaths.YtvisVideo(outDir, sequence), ConvertPaths.Status(outDir, sequence),
        ];
        string[] datasetFiles = [ConvertPaths.MotsClassMap(outDir), ConvertPaths.Report(outDir), ConvertPaths.ReportPage(outDir), ConvertPaths.YtvisMerged(outDir), ConvertPaths.DavisImageSet(outDir)];
        string[] writes = [.. sequenceFiles.Concat(datasetFiles).Select(f => Path.GetRelativePath(outDir, f))];

        var failures = FullDiskSweep.Run(disk, outDir, () => ConvertJob.Run(options), writes);

        string log = FullDiskSweep.Describe(failures);
        // mots/classes.txt (one page) is written into the page the sequence's lock file gave back
        // a moment before, so no count of free pages fills the disk there; every other file is reached.
        foreach (string write in writes.Where(w => w != Path.GetRelativePath(outDir, ConvertPaths.MotsClassMap(outDir))))
            Assert.True(failures.Any(f => f.Output == write), $"the disk never filled at {write}:\n{log}");
        var published = Published(reference).Where(f => !datasetFiles.Any(d => Path.Combine(outDir, f).StartsWith(d, StringComparison.Ordinal))).ToArray();
        foreach (var f in failures)
        {
            // A sequence is published whole or not at all; so are the files over all sequences.
            bool sequenceDone = f.Output is not null && Array.IndexOf(writes, f.Output) >= sequenceFiles.Length;
            Assert.True(f.FilesLeft.SequenceEqual(sequenceDone ? published : []), $"left [{string.Join(", ", f.FilesLeft)}] at {f.FreePages} pages:\n{log}");
        }

        disk.Free();
        ConvertJob.Run(options);

        Assert.Equal(Published(reference), disk.FilesBelow(outDir));
        foreach (string file in Published(reference))
            Assert.True(File.ReadAllBytes(Path.Combine(reference, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(outDir, file))), $"{file} differs from an uninterrupted run");
    }

    private static string[] Published(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
}
