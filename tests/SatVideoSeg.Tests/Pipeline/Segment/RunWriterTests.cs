using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Pipeline.Segment;

/// <summary>The write stage without a video: in-memory frames and detections, files on disk.</summary>
public class RunWriterTests
{
    private const int W = 5, H = 4;

    private sealed class Reports : IProgress<JobProgress>
    {
        public List<JobProgress> Seen { get; } = [];

        public void Report(JobProgress value) => Seen.Add(value);
    }

    private static Frame Blank(int index) => new(index, W, H, new byte[W * H * 3]);

    [Fact]
    public void Writes_Each_Frames_Objects_As_MOTS_Lines_Counts_Lost_Tracks_And_Publishes_Nothing_Before_The_Run_Does()
    {
        using var dir = new TempDir();
        var options = new SegmentOptions("video.mp4", "boxes.txt", dir.Path) { WriteOverlay = false, WriteReport = false };
        var progress = new Reports();
        string tracksPath = Path.Combine(dir.Path, SegmentJob.TracksFile);
        // A car (MOTS class 4) as track 7 over pixels x 2..3, y 1..2 of a 5 x 4 frame.
        var car = new SegmentedObject(new ObjectPrompt(7, ObjectClass.Car, new BoxXyxy(2, 1, 4, 3)), BitMask.FromBox(new BoxXyxy(2, 1, 4, 3), W, H), 0.9, 1);

        using (var staged = new StagedOutputs())
        {
            using var writer = new RunWriter(options, new VideoInfo("video.mp4", W, H, 10, 2), staged, new MotsTrackIds(null, "boxes.txt"), new StageTimer(), progress);
            writer.Write(Blank(0), new FrameDetections(0, W, H, [car]));
            writer.Write(Blank(1), new FrameDetections(1, W, H, []) { LostTrackIds = [7] });
            writer.Complete();
            Assert.False(File.Exists(tracksPath), "the tracks file appeared before the run published its outputs");
            staged.Publish();

            Assert.Equal((2, 1), (writer.Frames, writer.ObjectFrames));
            var quality = writer.Recorder.TrackQuality().Single();
            Assert.Equal((7, 1, 1), (quality.TrackId, quality.Frames, quality.LostFrames));
        }

        // Worked out by hand from FORMATS.md 3 and 4: 1-based frame, obj_id = 4 * 1000 + 7, class 4,
        // height, width; column-major runs 9 off, 2 on, 2 off, 2 on, 5 off; from the fourth count on
        // each is stored minus the count two before it (2 - 2 = 0, 5 - 2 = 3); each below 16 is one
        // character, '0' + count: "92203".
        Assert.Equal(["1 4007 4 4 5 92203"], File.ReadAllLines(tracksPath));
        Assert.Equal([(1, (int?)2), (2, 2)], progress.Seen.Select(p => (p.Done, p.Total)));
    }
}
