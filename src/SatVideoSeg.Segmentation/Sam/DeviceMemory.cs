using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Where a model's tensors live on its device: encoder features in the device's memory (CUDA's
/// "Cuda" memory on a GPU, so that they feed the decoder without a host round trip), and inputs in
/// memory the device reads fastest from the host (CUDA's pinned "CudaPinned" memory; plain CPU
/// memory on the CPU).
/// </summary>
internal sealed class DeviceMemory : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private DeviceMemory(OrtMemoryInfo features, OrtAllocator inputs)
    {
        Features = features;
        Inputs = inputs;
    }

    /// <summary>Where encoder outputs are bound.</summary>
    public OrtMemoryInfo Features { get; }

    /// <summary>Allocates the input buffers.</summary>
    public OrtAllocator Inputs { get; }

    /// <summary>The memory for <paramref name="device"/>; CUDA's allocators are those <paramref name="session"/> registered.</summary>
    public static DeviceMemory For(ExecutionDevice device, InferenceSession session)
    {
        if (!device.Cuda) return new DeviceMemory(OrtMemoryInfo.DefaultInstance, OrtAllocator.DefaultInstance);
        var features = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, device.DeviceId, OrtMemType.Default);
        // The CUDA provider registers its pinned allocator as CPU-output memory of the device.
        var pinnedInfo = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA_PINNED, OrtAllocatorType.DeviceAllocator, device.DeviceId, OrtMemType.CpuOutput);
        OrtAllocator inputs;
        try
        {
            inputs = new OrtAllocator(session, pinnedInfo);
        }
        catch (OnnxRuntimeException e)
        {
            // Pinned memory only speeds the upload; plain memory still works.
            Console.Error.WriteLine($"--device {device}: no CUDA pinned allocator in this session ({e.Message.Split('\n')[0].Trim()}); inputs use plain host memory");
            inputs = OrtAllocator.DefaultInstance;
        }
        var memory = new DeviceMemory(features, inputs);
        memory._owned.AddRange([features, pinnedInfo]);
        if (inputs != OrtAllocator.DefaultInstance) memory._owned.Add(inputs);
        return memory;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The input buffers are freed first (SamModel disposes them before this).
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }
}
