using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class BatchSizeTunerTests
{
    // Feeds the tuner calls of its current size (capped by objects per frame) that cost
    // fixedMs per call plus perObjectMs per object, until it settles.
    private static BatchSizeTuner Tune(double fixedMs, double perObjectMs, int objectsPerFrame = 100)
    {
        var tuner = new BatchSizeTuner();
        for (int call = 0; call < 1000 && !tuner.Settled; call++)
        {
            int n = Math.Min(tuner.Current, objectsPerFrame);
            tuner.Record(n, (fixedMs + perObjectMs * n) / 1000);
        }
        return tuner;
    }

    [Fact]
    public void A_Large_Per_Call_Cost_Drives_The_Batch_To_The_Largest_Size()
    {
        // GPU-like: 10 ms per call, 0.1 ms per object: every doubling is much faster per object.
        var tuner = Tune(fixedMs: 10, perObjectMs: 0.1);

        Assert.True(tuner.Settled);
        Assert.Equal(BatchSizeTuner.MaxBatchSize, tuner.Current);
        Assert.Equal([1, 2, 4, 8, 16, 32], tuner.Measured.Keys.Order());
    }

    [Fact]
    public void No_Per_Call_Cost_Keeps_One_Crop_Per_Call()
    {
        // Compute-bound CPU: batching gains nothing, so the search stops at 2 and keeps 1.
        var tuner = Tune(fixedMs: 0, perObjectMs: 3);

        Assert.True(tuner.Settled);
        Assert.Equal(1, tuner.Current);
        Assert.Equal([1, 2], tuner.Measured.Keys.Order());
    }

    [Fact]
    public void A_Gain_Under_Five_Percent_Stops_The_Search_At_The_Best_Size_So_Far()
    {
        // 0.3 ms per call on 3 ms per object: 1 -> 2 gains 4.8%, under the 5% threshold.
        var tuner = Tune(fixedMs: 0.3, perObjectMs: 3);

        Assert.Equal([1, 2], tuner.Measured.Keys.Order());
        Assert.Equal(2, tuner.Current);
    }

    [Fact]
    public void The_Search_Waits_While_Frames_Have_Too_Few_Objects_To_Fill_The_Next_Size()
    {
        var tuner = Tune(fixedMs: 10, perObjectMs: 0.1, objectsPerFrame: 6);

        // 8 is never measured (no frame fills it); frames go through whole, as 8 allows.
        Assert.False(tuner.Settled);
        Assert.Equal([1, 2, 4], tuner.Measured.Keys.Order());
        Assert.Equal(8, tuner.Current);
    }

    [Fact]
    public void Partial_Batches_Do_Not_Count_As_Measurements()
    {
        var tuner = new BatchSizeTuner();
        tuner.Record(1, 0.010); // warm-up
        for (int i = 0; i < BatchSizeTuner.TimedCalls; i++) tuner.Record(1, 0.003);
        Assert.Equal(2, tuner.Current);

        // Calls of one object while the candidate is 2 (a frame's remainder) measure nothing.
        for (int i = 0; i < 10; i++) tuner.Record(1, 0.001);

        Assert.Equal([1], tuner.Measured.Keys);
        Assert.Equal(0.003, tuner.Measured[1], 9);
    }

    [Fact]
    public void The_Search_Stops_Before_A_Size_Whose_Memory_Would_Pass_The_Budget()
    {
        // GPU-like timing, but 3 GB per crop on top of 1.5 GB (SAM ViT-B at 1024 px on a CPU) and
        // an 18 GB budget: 1 (4.5), 2 (7.5) and 4 (13.5 GB) fit; 8 is projected at 25.5 GB.
        const long gb = 1L << 30;
        var tuner = new BatchSizeTuner(memoryBudgetBytes: 18 * gb);
        for (int call = 0; call < 1000 && !tuner.Settled; call++)
        {
            int n = tuner.Current;
            tuner.Record(n, (10 + 0.1 * n) / 1000, (long)(1.5 * gb) + n * 3 * gb);
        }

        Assert.True(tuner.LimitedByMemory);
        Assert.Equal([1, 2, 4], tuner.Measured.Keys.Order());
        Assert.Equal(4, tuner.Current);
    }

    [Fact]
    public void Without_Memory_Readings_The_Budget_Never_Stops_The_Search()
    {
        var tuner = new BatchSizeTuner(memoryBudgetBytes: 1);
        for (int call = 0; call < 1000 && !tuner.Settled; call++) tuner.Record(tuner.Current, (10 + 0.1 * tuner.Current) / 1000);

        Assert.False(tuner.LimitedByMemory);
        Assert.Equal(BatchSizeTuner.MaxBatchSize, tuner.Current);
    }
}
