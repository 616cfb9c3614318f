using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Recognises ONNX Runtime's failures to allocate memory for a call, on the device or in its arena:
/// the arena past its limit (<c>--gpu-mem-limit</c>, or a CPU arena's max_mem) says "Available memory of
/// N is smaller than requested bytes of M", a failed arena or device allocation "Failed to allocate
/// memory for requested buffer of size N", CUDA itself "out of memory" (cudaErrorMemoryAllocation),
/// cuBLAS and cuDNN their *_STATUS_ALLOC_FAILED. Only an <see cref="OnnxRuntimeException"/>'s message
/// counts (our own messages, which may quote a file name, do not).
/// </summary>
public static class OutOfMemoryErrors
{
    private static readonly string[] Signs =
    [
        "Available memory of", "Failed to allocate memory", "out of memory", "cudaErrorMemoryAllocation",
        "CUBLAS_STATUS_ALLOC_FAILED", "CUDNN_STATUS_ALLOC_FAILED",
    ];

    /// <summary>ONNX Runtime's out-of-memory error in <paramref name="error"/> or its inner errors, or null.</summary>
    public static OnnxRuntimeException? Find(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OnnxRuntimeException ort && Signs.Any(s => ort.Message.Contains(s, StringComparison.OrdinalIgnoreCase))) return ort;
        }
        return null;
    }

    /// <summary>The first line of ONNX Runtime's message (the rest repeats the node and its stack).</summary>
    public static string FirstLine(OnnxRuntimeException error) => error.Message.Split('\n')[0].Trim();
}
