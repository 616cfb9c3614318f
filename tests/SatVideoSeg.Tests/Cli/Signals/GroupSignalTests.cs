using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli.Signals;

/// <summary>
/// Signals for the whole process group, as Ctrl+C in a terminal (SIGINT to the foreground job)
/// and `timeout` (SIGTERM to the pid, then to the group) send them: they reach satvidseg and
/// everything in its group at once. The job must still stop as for a signal to its pid alone:
/// exit 130, the cancellation message, no partial file, no lock.
/// </summary>
public class GroupSignalTests
{
    [Fact]
    public void FFmpeg_Children_Run_Outside_The_Process_Group_That_Ctrl_C_Reaches()
    {
        using var dir = new TempDir();
        using var child = StartRender(dir);
        var ffmpeg = child.Children().Where(c => c.Name == "ffmpeg").ToList();

        Assert.NotEmpty(ffmpeg); // the decoder and the encoder
        Assert.All(ffmpeg, c => Assert.True(c.ProcessGroup != child.Pid, $"ffmpeg {c.Pid} is in satvidseg's process group {child.Pid}: a Ctrl+C kills it under the job"));
        child.Terminate();
        Assert.Equal(130, child.WaitForExit().Code);
    }

    [Fact]
    public void Ctrl_C_To_The_Whole_Group_During_Render_Exits_130_And_Writes_No_Video()
    {
        using var dir = new TempDir();
        using var child = StartRender(dir);

        child.SignalGroup("INT");
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Contains("cancelled", errors);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    // timeout(1) sends its signal to the pid and then to the group: a process handling signals
    // sees it twice, which must not count as the second, "end at once" signal.
    [Fact]
    public void Timeouts_Signal_To_The_Pid_Then_The_Group_Counts_As_One_And_Exits_130()
    {
        using var dir = new TempDir();
        using var child = StartRender(dir);

        child.Terminate();
        Thread.Sleep(10); // as if the process took the first delivery before the second came (a quick cancel may end it first)
        child.SignalGroup("TERM");
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Contains("cancelled", errors);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Ctrl_C_To_The_Whole_Group_During_Synth_Exits_130_And_Leaves_No_Folder_Behind()
    {
        using var dir = new TempDir();
        string output = dir.File("synth");
        using var child = ChildCli.StartAsGroupLeader("synth", "--out", output, "--frames", "5000");
        child.WaitUntil(() => Directory.Exists(output) && Directory.GetFiles(output, "video.mp4.*.partial").Any(f => new FileInfo(f).Length > 0), "a partly encoded video");

        child.SignalGroup("INT");
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.False(Directory.Exists(output), $"left behind: {string.Join(", ", Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : [])}");
    }

    [SamModelFact]
    public void Ctrl_C_To_The_Whole_Group_During_Segment_Exits_130_Keeps_The_Journal_And_Leaves_No_Partial_Or_Lock()
    {
        using var dir = new TempDir();
        string output = dir.File("out");
        using var child = ChildCli.StartAsGroupLeader("segment", SignalTests.SampleVideo, "--boxes", Path.Combine(RepoPaths.Root, "videos", "synth-sample", "boxes.mot.txt"),
            "--init-only", "--model", SamModelFactAttribute.Folder, "--out", output, "--no-report");
        child.WaitUntil(() => Directory.Exists(output) && Directory.GetFiles(output, "overlay.mp4.*partial").Length > 0
            && File.Exists(Path.Combine(output, SatVideoSeg.Pipeline.Segment.SegmentJournal.FileName)), "a journaled frame and a partly encoded overlay");

        child.SignalGroup("INT");
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Contains("cancelled", errors);
        var left = Directory.GetFileSystemEntries(output).Select(Path.GetFileName).ToArray();
        Assert.Contains(SatVideoSeg.Pipeline.Segment.SegmentJournal.FileName, left);
        Assert.DoesNotContain(left, f => f!.Contains(".partial") || f.EndsWith(".lock"));
    }

    // A scheduler that signals every process of a job (Slurm's scancel, systemd's stop) may reach
    // the FFmpeg children before satvidseg: their pipes break, and the job fails before its own
    // signal handler has run. The failure must still end as the cancellation it is.
    [Fact]
    public void A_Stop_That_Reaches_FFmpeg_Before_Satvidseg_Still_Exits_130_And_Writes_No_Video()
    {
        using var dir = new TempDir();
        using var child = StartRender(dir);

        foreach (var ffmpeg in child.Children().Where(c => c.Name == "ffmpeg"))
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", ffmpeg.Pid.ToString()])!;
            kill.WaitForExit();
        }
        Thread.Sleep(100); // the scheduler's signal to satvidseg itself comes a moment later
        child.Terminate();
        var (code, errors) = child.WaitForExit();

        Assert.True(code == 130, $"exit {code}: {errors}");
        Assert.Contains("cancelled", errors);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    // Render of the sample with insets and trails: slow enough to be caught mid-video.
    private static ChildCli StartRender(TempDir dir)
    {
        var child = ChildCli.StartAsGroupLeader("render", SignalTests.SampleVideo, "--tracks", SignalTests.SampleTruth, "--out", dir.File("render.mp4"), "--insets", "--trail", "30");
        child.WaitUntil(() => Directory.GetFiles(dir.Path, "render.mp4.*.partial").Length > 0, "a partly encoded video");
        return child;
    }
}
