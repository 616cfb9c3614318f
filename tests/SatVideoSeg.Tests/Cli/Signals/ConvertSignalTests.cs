using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Synth;
using SatVideoSeg.Tests.Pipeline.Convert;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli.Signals;

public class ConvertSignalTests
{
    // One sequence per car (SOT layout), long enough that a sequence is caught half-converted.
    private static readonly SynthOptions Scene = new() { Width = 640, Height = 480, FrameCount = 60, Airplanes = 0, Ships = 0, Trains = 0, Cars = 4 };

    [Fact]
    public void Convert_Stopped_Mid_Sequence_Exits_130_Keeps_Finished_Sequences_And_Resumes_To_The_Same_Bytes()
    {
        using var dir = new TempDir();
        string root = dir.File("in"), reference = dir.File("reference"), resumed = dir.File("resumed");
        SynthJob.Run(Scene, root, BenchmarkLayout.Sot);
        ConvertJob.Run(new ConvertOptions(root, reference, ConvertTargets.All) { Segmenter = "box" });

        string[] args = ["convert", root, "--out", resumed, "--segmenter", "box"];
        using (var child = ChildCli.Start(args))
        {
            // Mid-sequence, after the first one finished: a sequence is locked for conversion and has
            // DAVIS frames written (in its staged folder, davis/Annotations/<seq>.<pid>-<n>.partial), but no done marker.
            child.WaitUntil(() =>
            {
                string status = Path.Combine(resumed, "status");
                if (!Directory.Exists(status) || Directory.GetFiles(status, "*.json").Length == 0) return false;
                return Directory.GetFiles(status, "*.lock").Select(Path.GetFileNameWithoutExtension).Any(sequence =>
                    !File.Exists(ConvertPaths.Status(resumed, sequence!))
                    && Directory.Exists(Path.GetDirectoryName(ConvertPaths.DavisSequence(resumed, sequence!)))
                    && Directory.GetDirectories(Path.GetDirectoryName(ConvertPaths.DavisSequence(resumed, sequence!))!, sequence + ".*.partial")
                        .Any(staged => Directory.GetFiles(staged, "*.png").Length >= 2));
            }, "a half-converted sequence");

            child.Terminate();
            var (code, errors) = child.WaitForExit();
            Assert.True(code == 130, $"exit {code}: {errors}");
        }

        // Finished sequences stay; an unfinished one leaves no DAVIS frames; nothing temporary is left.
        var sequences = Directory.GetDirectories(root).Select(Path.GetFileName).ToArray();
        var finished = sequences.Where(s => File.Exists(ConvertPaths.Status(resumed, s!))).ToArray();
        Assert.NotEmpty(finished);
        Assert.True(finished.Length < sequences.Length, "every sequence finished: the signal came too late to test anything");
        foreach (var sequence in sequences.Except(finished))
            Assert.False(Directory.Exists(ConvertPaths.DavisSequence(resumed, sequence!)), $"the stopped sequence {sequence} left DAVIS frames");
        Assert.Empty(Directory.EnumerateFileSystemEntries(resumed, "*.partial", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(resumed, "*.lock", SearchOption.AllDirectories));

        using (var again = ChildCli.Start(args))
        {
            var (code, errors) = again.WaitForExit();
            Assert.True(code == 0, $"exit {code}: {errors}");
        }
        ConvertedOutputs.AssertSameFiles(reference, resumed);
    }
}
