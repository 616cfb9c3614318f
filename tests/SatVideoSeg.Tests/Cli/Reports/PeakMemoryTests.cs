using System.Text.Json;
using SatVideoSeg.Cli;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli.Reports;

public class PeakMemoryTests
{
    // The kernel's own account of the child's peak (getrusage of a waited-for child, as /usr/bin/time
    // reports it) against the run.json of that run. Sampled before report.html was built, run.json
    // said 118 MB of a 145 MB peak on the sample (box segmenter); what still runs after the sample
    // (run.json, the page's streamed write, the console summary) adds a few MB at most.
    [TrainingPythonFact]
    public void Run_Json_Reports_The_Peak_Memory_Of_The_Whole_Run_Report_Page_Included()
    {
        using var dir = new TempDir();
        string output = dir.File("out");
        string sample = Path.Combine(RepoPaths.Root, "videos", "synth-sample");
        string maxRssKb = TrainingPython.RunCode("""
            import resource, subprocess, sys
            subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """, "dotnet", typeof(CliApp).Assembly.Location, "segment", Path.Combine(sample, "video.mp4"),
            "--boxes", Path.Combine(sample, "boxes.mot.txt"), "--out", output, "-s", "box");
        double peakMB = long.Parse(maxRssKb.Trim()) / 1024.0;

        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        double reported = runJson.RootElement.GetProperty("peakMemoryMB").GetDouble();

        Assert.True(reported >= 0.95 * peakMB && reported <= peakMB + 1, $"run.json peakMemoryMB {reported} MB, the process's peak {peakMB:0.0} MB");
        Assert.Contains($"peakMemoryMB&quot;: {reported.ToString(System.Globalization.CultureInfo.InvariantCulture)}", File.ReadAllText(Path.Combine(output, "report.html")));
    }
}
