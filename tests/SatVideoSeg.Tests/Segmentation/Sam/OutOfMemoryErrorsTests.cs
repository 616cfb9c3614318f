using Microsoft.ML.OnnxRuntime;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// A real ONNX Runtime out-of-memory failure, made on the CPU: the shipped encoder in a session whose
/// memory arena is capped (an environment allocator with max_mem, the CPU's counterpart of the CUDA
/// arena's gpu_mem_limit), run at growing batch sizes until a call does not fit.
/// </summary>
public class OutOfMemoryErrorsTests
{
    private const int ArenaBytes = 48 << 20;

    // The environment's allocators are process-wide and registered once; only sessions that ask for
    // them (session.use_env_allocators) use the capped arena.
    private static readonly Lazy<bool> CappedArena = new(() =>
    {
        using var cpu = new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.ArenaAllocator, 0, OrtMemType.Default);
        using var arena = new OrtArenaCfg(ArenaBytes, arenaExtendStrategy: 1, initialChunkSizeBytes: -1, maxDeadBytesPerChunk: -1);
        OrtEnv.Instance().CreateAndRegisterAllocator(cpu, arena);
        return true;
    });

    private static InferenceSession CappedEncoder()
    {
        _ = CappedArena.Value;
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.use_env_allocators", "1");
        return new InferenceSession(Path.Combine(RepoPaths.Root, "models", "sat-unet", "encoder.onnx"), options);
    }

    private static void Encode(InferenceSession session, int batch)
    {
        string input = session.InputMetadata.Keys.Single();
        var crops = new float[batch * 3 * 64 * 64];
        using var value = OrtValue.CreateTensorValueFromMemory(crops, [batch, 3, 64, 64]);
        using var outputs = session.Run(new RunOptions(), [input], [value], session.OutputMetadata.Keys.ToArray());
    }

    [Fact]
    public void A_Call_Past_The_Arena_Cap_Is_Recognised_And_The_Search_Ends_At_The_Last_Size_That_Ran()
    {
        using var session = CappedEncoder();
        var tuner = new BatchSizeTuner(maxBatchSize: 4096);
        ModelContractException? failure = null;
        int failedAt = 0;
        for (int call = 0; call < 10_000 && failure is null && !tuner.Settled; call++)
        {
            int n = tuner.Current;
            try
            {
                Encode(session, n);
                // Each size "takes" longer per call but less per crop: the search keeps growing.
                tuner.Record(n, (10 + 0.01 * n) / 1000);
            }
            catch (OnnxRuntimeException e)
            {
                // As SamModel reports it: our error naming the file, ONNX Runtime's inside.
                failure = new ModelContractException($"encoder.onnx: inference failed with inputs [{n},3,64,64]: {e.Message}", e);
                failedAt = n;
            }
        }

        Assert.NotNull(failure);
        var oom = OutOfMemoryErrors.Find(failure);
        Assert.NotNull(oom);
        Assert.True(tuner.EndSearchOnOutOfMemory(failedAt, OutOfMemoryErrors.FirstLine(oom)), failure.Message);
        Assert.Equal(failedAt / 2, tuner.Current);
        // The session survives the failure, and the failed call runs at the size that fit.
        for (int left = failedAt; left > 0; left -= tuner.Current) Encode(session, Math.Min(tuner.Current, left));
    }

    [Fact]
    public void Other_Inference_Errors_Are_Not_Out_Of_Memory()
    {
        using var session = CappedEncoder();
        string input = session.InputMetadata.Keys.Single();
        using var wrongShape = OrtValue.CreateTensorValueFromMemory(new float[3 * 64], [1, 3, 64]);

        var error = Assert.ThrowsAny<OnnxRuntimeException>(() => session.Run(new RunOptions(), [input], [wrongShape], session.OutputMetadata.Keys.ToArray()));

        Assert.Null(OutOfMemoryErrors.Find(new ModelContractException("encoder.onnx: inference failed", error)));
        // Our own words never count, even where they say so.
        Assert.Null(OutOfMemoryErrors.Find(new ModelContractException("out of memory")));
    }
}
