using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class BatchSizeTunerTests
{
    // Feeds the tuner calls of its current size (capped by objects per frame) that cost
    // fixedMs per call plus perObjectMs per object, until it settles.
    private static BatchSizeTuner Tune(double fixedMs, double perObjectMs, int objectsPerFrame = 1000, int maxBatchSize = BatchSizeTuner.CpuMaxBatchSize)
    {
        var tuner = new BatchSizeTuner(maxBatchSize: maxBatchSize);
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
        Assert.Equal(BatchSizeTuner.CpuMaxBatchSize, tuner.Current);
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
        Assert.Equal(BatchSizeTuner.CpuMaxBatchSize, tuner.Current);
    }

    [Fact]
    public void On_A_Gpu_The_Search_Goes_On_Up_To_256_Crops_Per_Call()
    {
        var tuner = Tune(fixedMs: 2.7, perObjectMs: 0.074, maxBatchSize: BatchSizeTuner.MaxFor(new ExecutionDevice(Cuda: true, DeviceId: 0)));

        Assert.Equal(BatchSizeTuner.GpuMaxBatchSize, tuner.Current);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256], tuner.Measured.Keys.Order());
        Assert.Equal(BatchSizeTuner.CpuMaxBatchSize, BatchSizeTuner.MaxFor(ExecutionDevice.Cpu));
    }

    // Runs a GPU-like search in which calls of failAt crops or more run out of device memory;
    // returns the tuner and the sizes of every call made, the re-run included.
    private static (BatchSizeTuner Tuner, List<int> Calls) SearchWithDeviceMemoryFor(int failAt)
    {
        var tuner = new BatchSizeTuner(maxBatchSize: BatchSizeTuner.GpuMaxBatchSize);
        var calls = new List<int>();
        for (int call = 0; call < 1000 && !tuner.Settled; call++)
        {
            int n = tuner.Current;
            if (n >= failAt && tuner.EndSearchOnOutOfMemory(n, "BFCArena::AllocateRawInternal Available memory of 1048576 is smaller than requested bytes of 4194304"))
            {
                for (int left = n; left > 0; left -= tuner.Current) calls.Add(Math.Min(tuner.Current, left));
                continue;
            }
            calls.Add(n);
            tuner.Record(n, (2.7 + 0.074 * n) / 1000);
        }
        return (tuner, calls);
    }

    [Fact]
    public void A_Call_That_Runs_Out_Of_Device_Memory_Ends_The_Search_At_The_Last_Size_That_Fit()
    {
        var (tuner, calls) = SearchWithDeviceMemoryFor(failAt: 64);

        Assert.True(tuner.Settled);
        Assert.True(tuner.LimitedByMemory);
        Assert.Equal(32, tuner.Current);
        Assert.Equal([1, 2, 4, 8, 16, 32], tuner.Measured.Keys.Order());
        // The 64 crops of the failed call ran again as two calls of 32, and nothing ran at 64.
        Assert.Equal([32, 32], calls.TakeLast(2));
        Assert.DoesNotContain(64, calls);
        Assert.Equal(new BatchOutOfMemory(64, 32, "BFCArena::AllocateRawInternal Available memory of 1048576 is smaller than requested bytes of 4194304"), tuner.OutOfMemory);
        Assert.StartsWith("automatic batch size: a call of 64 crops ran out of memory (BFCArena", tuner.OutOfMemory!.Note);
    }

    [Fact]
    public void Out_Of_Memory_Where_No_Smaller_Size_Has_Run_Or_After_The_Search_Is_Left_To_Fail()
    {
        // At size 1 nothing smaller exists: the error stands.
        var first = new BatchSizeTuner(maxBatchSize: BatchSizeTuner.GpuMaxBatchSize);
        Assert.False(first.EndSearchOnOutOfMemory(1, "out of memory"));
        Assert.False(first.Settled);
        Assert.Null(first.OutOfMemory);

        // The size the search settled on failing later is not the search's to absorb.
        var settled = Tune(fixedMs: 10, perObjectMs: 0.1);
        Assert.False(settled.EndSearchOnOutOfMemory(settled.Current, "out of memory"));
        Assert.Null(settled.OutOfMemory);
        Assert.False(settled.LimitedByMemory);
    }

    [Fact]
    public void A_Smaller_Last_Batch_That_Runs_Out_Of_Memory_Still_Ends_At_The_Last_Size_That_Fit()
    {
        var (tuner, _) = SearchWithDeviceMemoryFor(failAt: 64);
        var partial = new BatchSizeTuner(maxBatchSize: BatchSizeTuner.GpuMaxBatchSize);
        for (int call = 0; call < 1000 && partial.Current < 64; call++) partial.Record(partial.Current, (2.7 + 0.074 * partial.Current) / 1000);

        // Candidate 64; a video's last 40 crops fail: 32 fit, so the search ends there.
        Assert.True(partial.EndSearchOnOutOfMemory(40, "Failed to allocate memory for requested buffer of size 8388608"));
        Assert.Equal(tuner.Current, partial.Current);
    }
}
