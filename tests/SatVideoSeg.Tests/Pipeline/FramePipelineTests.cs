using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Tests.Pipeline;

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

    [Fact]
    public void A_Failing_Stage_Stops_The_Others_And_Its_Error_Surfaces()
    {
        var written = new List<int>();
        var pipeline = new FramePipeline<int>(new StageTimer(), capacity: 2);

        var e = Assert.Throws<InvalidDataException>(() => pipeline.Run(Frames(1000),
            f => f.Index == 7 ? throw new InvalidDataException("frame 7 is bad") : f.Index, written.Add, CancellationToken.None));

        Assert.Equal("frame 7 is bad", e.Message);
        Assert.True(written.Count <= 7);
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

        var decoded = pipeline.QueueDepths()["decoded"];
        Assert.InRange(decoded.Max, 1, 3);
    }
}
