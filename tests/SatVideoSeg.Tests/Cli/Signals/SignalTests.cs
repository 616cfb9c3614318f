using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli.Signals;

/// <summary>
/// The first SIGTERM (or Ctrl+C) reaches every command's job, which stops at its next frame or
/// sequence, leaves no half-written output and exits 130; the real CLI in a child process, as a
/// scheduler stops it. Where a job is too quick to catch mid-run by watching its files, one of its
/// inputs is a named pipe: the child is then provably inside the job when the signal is sent.
/// </summary>
public class SignalTests
{
    internal static readonly string SampleVideo = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "video.mp4");
    internal static readonly string SampleTruth = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "gt.mots.txt");

    [Fact]
    public void Synth_Stopped_Mid_Video_Exits_130_And_Leaves_No_Folder_Behind()
    {
        using var dir = new TempDir();
        string output = dir.File("synth");
        using var child = ChildCli.Start("synth", "--out", output, "--frames", "5000");
        child.WaitUntil(() => Directory.Exists(output) && Directory.GetFiles(output, "video.mp4.*.partial").Any(f => new FileInfo(f).Length > 0), "a partly encoded video");

        child.Terminate();
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Contains("cancelled", errors);
        Assert.False(Directory.Exists(output), $"left behind: {string.Join(", ", Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : [])}");
    }

    [Fact]
    public void Synth_Of_A_Benchmark_Layout_Stopped_Mid_Way_Exits_130_And_Leaves_No_Staged_Frames()
    {
        using var dir = new TempDir();
        string output = dir.File("sot");
        using var child = ChildCli.Start("synth", "--layout", "sot", "--out", output, "--frames", "5000");
        child.WaitUntil(() => Directory.Exists(output) && Directory.GetDirectories(output, ".frames.*.partial").Any(d => Directory.GetFiles(d).Length > 2), "staged frames");

        child.Terminate();
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Render_Stopped_Mid_Video_Exits_130_And_Writes_No_Video()
    {
        using var dir = new TempDir();
        string output = dir.File("render.mp4");
        using var child = ChildCli.Start("render", SampleVideo, "--tracks", SampleTruth, "--out", output, "--insets", "--trail", "30", "--report", dir.File("render.html"));
        child.WaitUntil(() => Directory.GetFiles(dir.Path, "render.mp4.*.partial").Length > 0, "a partly encoded video");

        child.Terminate();
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Eval_Stopped_While_Reading_Its_Inputs_Exits_130_And_Writes_No_Metrics()
    {
        using var dir = new TempDir();
        var truth = NamedPipeFile.Create(dir.File("gt.txt"));
        string output = dir.File("eval");
        using var child = ChildCli.Start("eval", "--pred", SampleTruth, "--gt", truth.Path, "--out", output);

        using (var writer = Within(child, truth.WaitForReader))
        {
            child.Terminate();
            File.OpenRead(SampleTruth).CopyTo(writer);
        }
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bench_Segment_Stopped_Mid_Sample_Exits_130()
    {
        using var dir = new TempDir();
        var truth = NamedPipeFile.Create(dir.File("gt.txt"));
        using var child = ChildCli.Start("bench", "segment", "--video", SampleVideo, "--gt", truth.Path, "--segmenters", "grabcut");

        using (var writer = Within(child, truth.WaitForReader))
        {
            child.Terminate();
            File.OpenRead(SampleTruth).CopyTo(writer);
        }
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
    }

    [SamModelFact]
    public void Models_Check_Stopped_While_Loading_Exits_130()
    {
        using var dir = new TempDir();
        foreach (var f in Directory.GetFiles(SamModelFactAttribute.Folder, "*.onnx")) File.Copy(f, dir.File(Path.GetFileName(f)));
        var manifest = NamedPipeFile.Create(dir.File("model.json"));
        using var child = ChildCli.Start("models", "check", dir.Path);

        using (var writer = Within(child, manifest.WaitForReader))
        {
            child.Terminate();
            File.OpenRead(Path.Combine(SamModelFactAttribute.Folder, "model.json")).CopyTo(writer);
        }
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
    }

    [SamModelFact]
    public void Bench_Throughput_Stopped_Mid_Segment_Exits_130_And_Removes_Its_Scratch_Folder()
    {
        using var dir = new TempDir();
        var tmp = new Dictionary<string, string> { ["TMPDIR"] = dir.Path };
        using var child = ChildCli.Start(["bench", "throughput", "--video", SampleVideo, "--boxes", Path.Combine(RepoPaths.Root, "videos", "synth-sample", "boxes.mot.txt"), "--model", SamModelFactAttribute.Folder], tmp);
        child.WaitUntil(() => Directory.GetDirectories(dir.Path, "satvidseg-bench-*")
            .Any(d => File.Exists(Path.Combine(d, "segment", SatVideoSeg.Pipeline.Segment.SegmentJournal.FileName))), "a journaled frame of the end-to-end run");

        child.Terminate();
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Empty(Directory.GetDirectories(dir.Path, "satvidseg-bench-*"));
    }

    // The first signal only asks the job to stop; a job that cannot get to its next check (here
    // blocked reading a pipe nobody writes) is ended by the second, as an impatient user expects.
    // The second comes after TerminationSignals.RepeatWindow: a repeat within it is the first one
    // delivered twice (timeout signals the pid and then the group).
    [Fact]
    public void A_Second_Signal_Ends_A_Job_That_Has_Not_Stopped_Yet()
    {
        using var dir = new TempDir();
        var truth = NamedPipeFile.Create(dir.File("gt.txt"));
        using var child = ChildCli.Start("eval", "--pred", SampleTruth, "--gt", truth.Path, "--out", dir.File("eval"));

        using var writer = Within(child, truth.WaitForReader);
        child.Terminate();
        Thread.Sleep(2 * SatVideoSeg.Cli.TerminationSignals.RepeatWindow);
        Assert.False(child.HasExited, "the first signal ended a job blocked in a read");
        child.Terminate();
        var (code, errors) = child.WaitForExit(30);

        Assert.True(code != 0 && code != 130, $"exit {code}: {errors}");
    }

    // Runs a call that blocks until the child reaches its input; fails instead of hanging when the child ends first.
    internal static T Within<T>(ChildCli child, Func<T> blocking)
    {
        var task = Task.Run(blocking);
        while (!task.Wait(50))
        {
            if (child.HasExited) throw new Xunit.Sdk.XunitException($"the child ended (exit) before reading its input: {child.Errors}");
        }
        return task.Result;
    }
}
