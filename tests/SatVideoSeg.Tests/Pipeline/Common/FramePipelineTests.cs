using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Tests.Pipeline.Common;

public class FramePipelineTests
{
    private static IEnumerable<Frame> Frames(int n)
    {
        for (int i = 0; i < n; i++) yield return new Frame(i, 2, 2, new byte[12]);
    }

    [Fact]
    public void Results_Reach_The_Writer_In_Frame_Order()
    {
        var written = new List<int>();
        var pipeline = new FramePipeline<int>(new StageTimer(), capacity: 2);

        pipeline.Run(Frames(50), f => f.Index * 10, written.Add, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 10), written);
    }

    /// <summary>A frame source that records how far the decode stage pulled it and whether it was closed.</summary>
    private sealed class WatchedFrames
    {
        public int Pulled;
        public bool Closed;

        public IEnumerable<Frame> Take(int n)
        {
            try
            {
                for (int i = 0; i < n; i++)
                {
                    Interlocked.Increment(ref Pulled);
                    yield return new Frame(i, 2, 2, new byte[12]);
                }
            }
            finally
            {
                Closed = true;
            }
        }
    }

    [Fact]
    public async Task A_Failing_Stage_Stops_The_Others_And_Its_Error_Surfaces()
    {
        var written = new List<int>();
        var source = new WatchedFrames();
        var pipeline = new FramePipeline<int>(new StageTimer(), capacity: 2);

        // On its own task with a deadline: a stage that is not stopped blocks on a full channel
        // for ever, and that must fail this test rather than hang the suite.
        var run = Task.Run(() => pipeline.Run(source.Take(1000),
            f => f.Index == 7 ? throw new InvalidDataException("frame 7 is bad") : f.Index, written.Add, CancellationToken.None));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == run, "Run did not return: a stage kept going after frame 7 failed");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => run);
        Assert.Equal("frame 7 is bad", e.Message);
        // Write stage: frames 0..6 at most, and never anything past the failure.
        Assert.True(written.Count <= 7, $"{written.Count} results written");
        Assert.Equal(Enumerable.Range(0, written.Count), written);
        // Decode stage: stopped and closed its source. It can be ahead of the failing frame by
        // at most the channel (2 frames) plus the one it holds while waiting: frames 0..10.
        Assert.True(source.Closed, "the decode stage never closed its frame source");
        Assert.InRange(source.Pulled, 8, 7 + 1 + 2 + 1);
    }

    [Fact]
    public void Cancellation_Stops_Every_Stage()
    {
        using var cts = new CancellationTokenSource();
        var pipeline = new FramePipeline<int>(new StageTimer(), capacity: 2);

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(Frames(100000), f =>
        {
            if (f.Index == 10) cts.Cancel();
            return f.Index;
        }, _ => { }, cts.Token));
    }

    [Fact]
    public void Decoding_Runs_Ahead_While_Processing_Is_Slow_But_No_Further_Than_The_Capacity()
    {
        var pipeline = new FramePipeline<int>(new StageTimer(), capacity: 3);

        pipeline.Run(Frames(20), f => { Thread.Sleep(5); return f.Index; }, _ => { }, CancellationToken.None);

        // Decoding a 2x2 frame is instant and processing takes 5 ms, so the decoder fills the
        // channel and waits: it must have seen the queue exactly at capacity, never beyond it.
        // (0 or 1 would mean it did not run ahead; more than 3, that the channel is not bounded.)
        var decoded = pipeline.QueueDepths()["decoded"];
        Assert.Equal(3, decoded.Max);
        Assert.True(decoded.FullFraction > 0, "the decoder never found the queue full");
    }
}
