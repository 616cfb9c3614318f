using System.Text.Json;
using OpenCvSharp;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Pipeline.Segment;

/// <summary>Input checks of `segment` as issue 18 asked: ids ignored completely, --out errors that say --out, no folder left by a failed check.</summary>
public class SegmentInputCheckTests
{
    private static string Frames(TempDir dir, int count)
    {
        string folder = dir.File("frames");
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= count; i++)
        {
            using var m = new Mat(32, 48, MatType.CV_8UC3, new Scalar(40 * i, 80, 120));
            Cv2.ImWrite(Path.Combine(folder, $"{i:D6}.png"), m);
        }
        return folder;
    }

    private static SegmentOptions Options(string input, string boxes, string output) =>
        new(input, boxes, output, "box") { WriteOverlay = false, WriteReport = false, Resume = false };

    [Fact]
    public void Ignore_Ids_Accepts_Ids_Above_999_And_Negative_Ones_And_Names_The_Tracks_Itself()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 2);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,5000,2,2,8,8,1,4\n1,-3,30,20,8,8,1,4\n2,5000,3,2,8,8,1,4\n2,123456789012,30,20,8,8,1,4\n");

        var report = SegmentJob.Run(Options(frames, boxes, dir.File("out")) with { IgnoreIds = true });

        Assert.Equal((2, 4, 2), (report.Frames, report.ObjectFrames, report.Tracks));
        Assert.Contains("\"annotationIds\":false", JsonSerializer.Serialize(report.Prompting));
    }

    [Fact]
    public void An_Id_Above_999_Is_Taken_And_Written_Renumbered_With_Its_Map()
    {
        // Issue 17: refused before ("object id 5000 is above 999"); the user's data is valid.
        using var dir = new TempDir();
        string frames = Frames(dir, 1);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,5000,2,2,8,8,1,4\n");

        var report = SegmentJob.Run(Options(frames, boxes, dir.File("out")));

        Assert.Equal(5000, report.TrackQuality.Single().TrackId);
        Assert.StartsWith("1 4001 4 ", File.ReadAllText(dir.File("out/tracks.mots.txt")));
        Assert.Equal(5000, SatVideoSeg.Datasets.Ids.TrackIdMap.FindFor(dir.File("out/tracks.mots.txt"))!.Original(4001));
    }

    [Fact]
    public void Boxes_Past_The_Last_Frame_Of_A_Folder_Fail_Before_Any_Work_With_The_Line_Of_The_Box()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 2);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,1,2,2,8,8,1,4\n3,1,2,2,8,8,1,4\n");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(Options(frames, boxes, dir.File("out"))));

        Assert.Equal($"{boxes}:2: a box in frame 3, past the last frame of {frames} (2 frames)", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    // Issue 20: a video's boxes were checked only after the whole run (22.5 s on 600 frames),
    // although the probe had the frame count.
    [Fact]
    public void Boxes_Past_The_Last_Frame_Of_A_Video_Fail_Before_Any_Frame_Is_Segmented_With_The_Line_Of_The_Box()
    {
        using var dir = new TempDir();
        var (video, _) = TestVideo.Write(dir.Path);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, $"1,1,2,2,8,8,1,4\n{TestVideo.Frames + 5},1,2,2,8,8,1,4\n");
        var frames = new List<int>();

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(Options(video, boxes, dir.File("out")), new SyncProgress<JobProgress>(p => frames.Add(p.Done))));

        Assert.Equal($"{boxes}:2: a box in frame {TestVideo.Frames + 5}, past the last frame of {video} ({TestVideo.Frames} frames)", e.Message);
        Assert.Empty(frames);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void An_Out_That_Is_A_File_Is_An_Error_Saying_Out()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 1);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,1,2,2,8,8,1,4\n");
        string file = dir.File("taken");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(Options(frames, boxes, file)));
        var below = Assert.Throws<JobException>(() => SegmentJob.Run(Options(frames, boxes, Path.Combine(file, "sub"))));

        Assert.Equal($"--out {file}: is a file, not a folder; give a folder", e.Message);
        Assert.StartsWith($"--out {Path.Combine(file, "sub")}: {file} is a file", below.Message);
    }

    [Fact]
    public void A_Box_Far_Outside_Is_Reported_With_Its_Values_As_Written()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 1);
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,1,4e3,14,9,1,1,4\n");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(Options(frames, boxes, dir.File("out"))));

        Assert.Equal($"{boxes}:1: box (4e3,14,9,1) of object 1 in frame 1 lies outside the 48x32 frame", e.Message);
    }

    [Fact]
    public void Sot_No_Box_Rows_Are_Counted_In_The_Report()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 3);
        string boxes = dir.File("groundtruth.txt");
        File.WriteAllText(boxes, "-1\t-1\t-1\t-1\n2\t2\t8\t8\nNaN\tNaN\tNaN\tNaN\n");

        var report = SegmentJob.Run(Options(frames, boxes, dir.File("out")));

        Assert.Equal((2, 1), (report.NoBoxRows, report.ObjectFrames));
        Assert.Contains("\"noBoxRows\": 2", File.ReadAllText(dir.File("out/run.json")));
    }

    [Fact]
    public void A_Frame_Cut_Short_Stops_The_Run_Before_Any_Work_Unless_The_User_Accepts_Damaged_Frames()
    {
        using var dir = new TempDir();
        string frames = Frames(dir, 3);
        string damaged = Path.Combine(frames, "000002.png");
        File.WriteAllBytes(damaged, File.ReadAllBytes(damaged)[..^12]); // drop the IEND chunk
        string boxes = dir.File("boxes.txt");
        File.WriteAllText(boxes, "1,1,2,2,8,8,1,4\n2,1,2,2,8,8,1,4\n3,1,2,2,8,8,1,4\n");

        var e = Assert.Throws<JobException>(() => SegmentJob.Run(Options(frames, boxes, dir.File("out"))));
        var skipped = SegmentJob.Run(Options(frames, boxes, dir.File("out")) with { DamagedFrames = DamagedFramePolicy.Skip, WriteReport = true });

        Assert.StartsWith($"{damaged}: frame 2 is damaged: no PNG IEND chunk", e.Message);
        Assert.Equal((2, 2), (skipped.Frames, skipped.ObjectFrames));
        string json = File.ReadAllText(dir.File("out/run.json"));
        Assert.Contains("\"frame\": 2", json);
        Assert.Contains("\"action\": \"skip\"", json);
        Assert.Contains("frame 2 (000002.png, skip): no PNG IEND chunk", File.ReadAllText(dir.File("out/report.html")));
    }
}
