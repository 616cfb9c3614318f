using System.Diagnostics;
using SatVideoSeg.Cli;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli;

public class TerminationTests
{
    // The real CLI in a child process, as users run it: a signal must reach the job, not kill the
    // process (which would leave *.partial files). A shell starts it, waits until a few frames are
    // journaled (mid-run, whatever the machine's speed) and sends SIGTERM: a background job of a
    // script has SIGINT ignored, and both signals go through the same handler.
    [SamModelFact]
    public void A_Terminated_Segment_Run_Exits_130_Leaves_Only_Its_Journal_And_Resumes()
    {
        using var dir = new TempDir();
        string video = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "video.mp4");
        string boxes = Path.Combine(RepoPaths.Root, "videos", "synth-sample", "boxes.mot.txt");
        string output = dir.File("out");
        string journal = Path.Combine(output, SegmentJournal.FileName);
        string script = $"""
            dotnet '{typeof(CliApp).Assembly.Location}' segment '{video}' --boxes '{boxes}' --out '{output}' -m '{SamModelFactAttribute.Folder}' --no-report >/dev/null 2>'{dir.File("stderr.txt")}' &
            pid=$!
            for i in $(seq 3000); do
              [ -f '{journal}' ] && [ "$(wc -l < '{journal}')" -gt 5 ] && break
              kill -0 $pid 2>/dev/null || break
              sleep 0.02
            done
            kill -TERM $pid
            wait $pid
            echo "exit $?"
            """;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var shell = Process.Start(info)!;
        string said = shell.StandardOutput.ReadToEnd().Trim();
        shell.WaitForExit();
        string stderr = File.ReadAllText(dir.File("stderr.txt"));

        Assert.True(said == "exit 130", $"{said}: {stderr}");
        Assert.Contains("cancelled", stderr);
        Assert.Equal([SegmentJournal.FileName], Directory.EnumerateFiles(output).Select(Path.GetFileName));

        var report = SegmentJob.Run(new SegmentOptions(video, boxes, output, "sam", SamModelFactAttribute.Folder) { WriteReport = false });
        Assert.True(report.ResumedFrames >= 5, $"resumed {report.ResumedFrames} frames");
        Assert.Equal(90, report.Frames);
    }
}
