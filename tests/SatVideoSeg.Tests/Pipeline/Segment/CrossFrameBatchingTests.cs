using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Pipeline.Segment;

/// <summary>
/// `segment` with every box used: the shipped model segments the crops of several frames of the
/// committed sample per call, and the frames come out linked exactly as frame by frame.
/// </summary>
public class CrossFrameBatchingTests
{
    private static SegmentOptions Options(string output) => new(RepoPaths.SynthSample("video.mp4"), RepoPaths.SynthSample("boxes.mot.txt"), output, "sam", SamModelFactAttribute.Folder)
        { WriteReport = false, WriteOverlay = false };

    // The first 30 frames of the sample, segmented and linked by a FrameSegmenter with or without cross-frame batching.
    private static (List<FrameDetections> Frames, SamSegmenter Sam) Run(SegmentOptions options, bool acrossFrames)
    {
        using var source = FrameSources.Open(options.Input);
        var inputs = SegmentInputs.Read(options, source.Info);
        var timer = new StageTimer();
        var sam = (SamSegmenter)SegmenterFactory.Create("sam", options.Model, batchSize: 32);
        var batching = acrossFrames ? CrossFrameBatching.ForSegment(options, inputs, journal: null, timer) : null;
        var frames = new FrameSegmenter(inputs.Prompter, inputs.Appearance, journal: null, () => sam, new Dictionary<int, IReadOnlyList<SegmentedObject>>(), forward: true, timer, batching);
        return ([.. frames.ProcessAll(source.ReadFrames().Take(30), CancellationToken.None).Select(r => r.Detections)], sam);
    }

    [SamModelFact]
    public void Every_Box_Used_Shares_Calls_Across_Frames_And_Links_Exactly_As_Frame_By_Frame()
    {
        foreach (bool ignoreIds in new[] { false, true })
        {
            var options = Options("unused") with { IgnoreIds = ignoreIds };
            var (across, batched) = Run(options, acrossFrames: true);
            var (alone, single) = Run(options, acrossFrames: false);
            using var _ = batched;
            using var __ = single;

            // About 14 objects a frame: frame by frame no call holds more; across frames calls fill to 32.
            Assert.True(single.Calls.Largest <= 16, $"frame by frame, a call of {single.Calls.Largest}");
            Assert.Equal(32, batched.Calls.Largest);
            Assert.True(batched.Calls.Mean > 28, $"mean {batched.Calls.Mean:0.0} crops per call across frames");
            Assert.Equal(alone.Count, across.Count);
            for (int f = 0; f < alone.Count; f++)
            {
                Assert.Equal(alone[f].LostTrackIds, across[f].LostTrackIds);
                Assert.Equal(alone[f].Objects.Select(o => o.TrackId), across[f].Objects.Select(o => o.TrackId));
                for (int i = 0; i < alone[f].Objects.Count; i++)
                {
                    var (a, b) = (alone[f].Objects[i], across[f].Objects[i]);
                    Assert.Equal((a.Prompt.TrackId, a.Prompt.Box, a.Prompt.Source), (b.Prompt.TrackId, b.Prompt.Box, b.Prompt.Source));
                    Assert.Equal(a.Mask.Rect, b.Mask.Rect);
                    Assert.Equal(a.Mask.Data, b.Mask.Data);
                    Assert.Equal(a.PredictedIoU, b.PredictedIoU);
                }
            }
        }
    }

    [Fact]
    public void Sparse_Boxes_Or_A_Backward_Pass_Keep_Segmenting_Frame_By_Frame()
    {
        var dense = Options("unused");
        using var source = FrameSources.Open(dense.Input);
        var inputs = SegmentInputs.Read(dense, source.Info);

        Assert.NotNull(CrossFrameBatching.ForSegment(dense, inputs, null, new StageTimer()));
        // Predicted prompts wait for the previous frame's links: the decision is the schedule's, made once.
        Assert.Null(CrossFrameBatching.ForSegment(dense with { BoxesEvery = 5 }, inputs, null, new StageTimer()));
        Assert.Null(CrossFrameBatching.ForSegment(dense with { InitOnly = true }, inputs, null, new StageTimer()));
        Assert.Null(CrossFrameBatching.ForSegment(dense with { Propagate = Propagation.Both }, inputs, null, new StageTimer()));
    }

    [Fact]
    public void Masks_Segmented_Ahead_Take_The_Prompts_Of_The_Frames_Turn_And_Other_Boxes_Are_A_Bug()
    {
        var box = new BoxXyxy(10, 10, 20, 16);
        var read = new ObjectPrompt(3, ObjectClass.Car, box);
        var mask = BitMask.FromBox(box, 64, 48);
        var ahead = new SegmentedAhead([read], [new SegmentedObject(read, mask, 0.9, 0.8)]);

        // The turn's prompt carries the track's memory (which an annotated prompt's crop does not read).
        var turn = read with { Memory = new MaskLogits(new float[16], 4, new PixelRect(0, 0, 4, 4)) };
        Assert.Same(turn, ahead.For(0, [turn])!.Single().Prompt);

        var moved = Assert.Throws<InvalidOperationException>(() => ahead.For(6, [read with { Box = new BoxXyxy(11, 10, 21, 16) }]));
        Assert.StartsWith("frame 7:", moved.Message);
        Assert.Null(new SegmentedAhead([], []).For(0, [read]));
    }

    [SamModelFact]
    public void A_Cancelled_Dense_Run_Resumes_From_Its_Journal_And_Writes_The_Same_Tracks()
    {
        using var dir = new TempDir();
        string whole = dir.File("whole"), resumed = dir.File("resumed");
        SegmentJob.Run(Options(whole));

        using (var cts = new CancellationTokenSource())
        {
            var progress = new SyncProgress<JobProgress>(p => { if (p.Done == 20) cts.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => SegmentJob.Run(Options(resumed), progress, cts.Token));
        }
        var report = SegmentJob.Run(Options(resumed));

        Assert.True(report.Batching!.AcrossFrames);
        Assert.InRange(report.ResumedFrames, 20, 90);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, SegmentJob.TracksFile)), File.ReadAllBytes(Path.Combine(resumed, SegmentJob.TracksFile)));
    }
}
