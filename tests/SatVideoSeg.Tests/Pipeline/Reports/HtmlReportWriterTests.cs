using System.Text.RegularExpressions;
using SatVideoSeg.Pipeline.Reports;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Reports;

public class HtmlReportWriterTests
{
    private static HtmlReport Sample(string? video = null) => new()
    {
        Title = "test <run>",
        Settings = [("input", "a & b.mp4")],
        OverlayVideo = video,
        FrameRange = (0, 4),
        Tracks =
        [
            new ReportTrack(ReportTestData.Track(1, [10, 10, 10, 10, 10], [0.9, 0.9, 0.9, 0.9, 0.9]), null, [], []),
            new ReportTrack(ReportTestData.Track(2, [10, 0, 10, 10, 10], [0.9, 0.9, 0.9, 0.9, 0.9]), null, [], []),
        ],
    };

    [Fact]
    public void Flagged_Tracks_Come_First_And_Text_Is_Escaped()
    {
        using var dir = new TempDir();

        string html = HtmlReportWriter.Render(Sample(), dir.Path);

        Assert.True(html.IndexOf("id=\"track-2\"", StringComparison.Ordinal) < html.IndexOf("id=\"track-1\"", StringComparison.Ordinal));
        Assert.Contains("test &lt;run&gt;", html);
        Assert.Contains("a &amp; b.mp4", html);
        Assert.Contains("1 flagged for review", html);
    }

    [Fact]
    public void The_Page_Needs_No_Network_And_No_Script()
    {
        using var dir = new TempDir();
        string html = HtmlReportWriter.Render(Sample(), dir.Path);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        // The only URL allowed is the SVG namespace, which is a name, not a request.
        var urls = Regex.Matches(html, "https?://[^\"' ]+").Select(m => m.Value).Distinct();
        Assert.All(urls, u => Assert.Equal("http://www.w3.org/2000/svg", u));
    }

    [Fact]
    public void A_Small_Video_Is_Embedded_And_A_Large_One_Linked_Relatively()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("videos"));
        File.WriteAllBytes(dir.File("small.mp4"), [0, 0, 0, 24, 102, 116, 121, 112]);
        using (var big = File.Create(dir.File("videos/big one.mp4"))) big.SetLength(HtmlReportWriter.EmbedLimitBytes + 1);

        // The writer streams an embedded video into the page (Render leaves a placeholder).
        HtmlReportWriter.Write(dir.File("small.html"), Sample(dir.File("small.mp4")));
        string small = File.ReadAllText(dir.File("small.html"));
        string large = HtmlReportWriter.Render(Sample(dir.File("videos/big one.mp4")), dir.Path);

        Assert.Contains("src=\"data:video/mp4;base64,AAAAGGZ0eXA=\"", small);
        Assert.Contains("src=\"videos/big%20one.mp4\"", large);
    }

    [Fact]
    public void Segment_Writes_A_Report_With_A_Card_Per_Track_Beside_Its_Outputs()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = dir.File("out");

        SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));

        string html = File.ReadAllText(Path.Combine(outDir, HtmlReportWriter.FileName));
        Assert.Contains("id=\"track-1\"", html);
        Assert.Contains("id=\"track-2\"", html);
        Assert.Contains("data:video/mp4;base64,", html);
        Assert.Contains("<svg", html);
        Assert.Contains(">predicted IoU</text>", html);
        Assert.Contains(">prompt source</text>", html);
        Assert.Empty(Directory.GetFiles(outDir, "*.partial"));
    }

    [ChromiumFact]
    public void The_Segment_Report_Renders_In_Headless_Chromium_Without_Console_Errors()
    {
        using var dir = new TempDir();
        var (video, boxes) = TestVideo.Write(dir.Path);
        string outDir = dir.File("out");
        SegmentJob.Run(new SegmentOptions(video, boxes, outDir, "box"));
        string screenshot = dir.File("report.png");

        var (code, console, stderr) = HeadlessChromium.Screenshot(Path.Combine(outDir, HtmlReportWriter.FileName), screenshot);

        Assert.True(code == 0, stderr);
        Assert.Empty(console);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) blank");
    }
}
