using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Synth;
using SatVideoSeg.Tests.Pipeline.Convert;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Ffmpeg;

namespace SatVideoSeg.Tests.Cli.OutputLocks;

/// <summary>
/// An output folder belongs to one run at a time (issue 20: two segment runs into one --out shared
/// their temporary names, one ended with an unreadable overlay.mp4, the other failed). The first
/// run is the real CLI in a child process; the second runs in this process, which holds its locks
/// apart from the child's as any other process would.
/// </summary>
public class OutputLockTests
{
    private static readonly string SampleVideo = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "video.mp4");
    private static readonly string SampleBoxes = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "boxes.mot.txt");

    [Fact]
    public void A_Second_Segment_Run_Into_A_Folder_In_Use_Fails_At_Once_Naming_The_First_Runs_Pid_And_Leaves_Its_Outputs_Whole()
    {
        using var dir = new TempDir();
        string output = dir.File("out");
        using var first = ChildCli.Start("segment", SampleVideo, "--boxes", SampleBoxes, "--out", output, "-s", "box", "--no-report");
        // Its pid is written just after the lock is taken: on a loaded machine the second run could read the file in between.
        string lockFile = Path.Combine(output, OutputLock.FolderFileName);
        first.WaitUntil(() => File.Exists(lockFile) && new FileInfo(lockFile).Length > 0, "the first run's lock and pid");

        var (code, _, errors) = CliRunner.Run("segment", SampleVideo, "--boxes", SampleBoxes, "--out", output, "-s", "box", "--no-report");
        var (firstCode, firstErrors) = first.WaitForExit();

        Assert.Equal(1, code);
        Assert.Contains($"--out {output} is in use by another run (pid {first.Pid})", errors);
        Assert.True(firstCode == 0, $"first run: exit {firstCode}: {firstErrors}");
        var overlay = FfprobeReader.Probe(Path.Combine(output, SegmentJob.OverlayFile));
        Assert.Equal(90, overlay.FrameCount);
        Assert.Equal(90, MotsFormat.ReadFile(Path.Combine(output, SegmentJob.TracksFile)).Select(r => r.FrameIndex).Distinct().Count());
        Assert.Empty(Directory.GetFiles(output, "*.partial"));
        Assert.False(File.Exists(Path.Combine(output, OutputLock.FolderFileName)), "the lock file outlived the run");
    }

    [Fact]
    public void The_Lock_Of_A_Killed_Run_Is_Taken_Over_By_The_Next_Run()
    {
        using var dir = new TempDir();
        string output = dir.File("out");
        string lockFile = Path.Combine(output, OutputLock.FolderFileName);
        using (var killed = ChildCli.Start("synth", "--out", output, "--frames", "5000"))
        {
            killed.WaitUntil(() => File.Exists(lockFile) && new FileInfo(lockFile).Length > 0, "the first run's lock");
            killed.Kill();
            killed.WaitForExit();
            Assert.Equal($"{killed.Pid}\n", File.ReadAllText(lockFile)); // SIGKILL leaves the file, with the dead run's pid
        }

        var (code, _, errors) = CliRunner.Run("synth", "--out", output, "--frames", "3");

        Assert.True(code == 0, errors);
        Assert.True(File.Exists(Path.Combine(output, SynthJob.VideoFile)));
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public void A_Sequence_Another_Run_Is_Converting_Stops_A_Second_Conversion_Naming_That_Runs_Pid()
    {
        using var dir = new TempDir();
        string root = dir.File("in"), output = dir.File("out");
        SynthJob.Run(ConvertFixture.Options, root, BenchmarkLayout.Sot);
        string sequence = Path.GetFileName(Directory.GetDirectories(root).Order(StringComparer.Ordinal).First());
        Directory.CreateDirectory(Path.Combine(output, "status"));
        using var other = OutputLock.Take(ConvertPaths.SequenceLock(output, sequence), "the other run");

        var (code, _, errors) = CliRunner.Run("convert", root, "--out", output, "--segmenter", "box");

        Assert.Equal(1, code);
        Assert.Contains($"--out {output}: sequence {sequence} is in use by another run (pid {Environment.ProcessId})", errors);
        Assert.False(File.Exists(ConvertPaths.Status(output, sequence)));
    }

    // Shards of one conversion share the folder (deploy/: an Indexed Job, a Slurm array); any other
    // kind of run into it is refused while they work.
    [Fact]
    public void Convert_Shards_Share_A_Folder_That_Other_Commands_Are_Refused()
    {
        using var dir = new TempDir();
        string root = dir.File("in"), output = dir.File("out");
        SynthJob.Run(ConvertFixture.Options, root, BenchmarkLayout.Sot);
        Directory.CreateDirectory(output);
        using var otherShard = OutputLock.Take(Path.Combine(output, OutputLock.FolderFileName), "the other shard", shared: true);

        var (convertCode, _, convertErrors) = CliRunner.Run("convert", root, "--out", output, "--segmenter", "box", "--shard", "1/2");
        var (synthCode, _, synthErrors) = CliRunner.Run("synth", "--out", output, "--frames", "2");

        Assert.True(convertCode == 0, convertErrors);
        Assert.Equal(1, synthCode);
        Assert.Contains($"--out {output} is in use by another run (pid {Environment.ProcessId})", synthErrors);
    }
}
