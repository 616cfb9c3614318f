using System.Runtime.InteropServices;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The shared libraries ONNX Runtime's CUDA provider (1.32, built for CUDA 13) loads, probed before
/// the provider is asked for: without them ONNX Runtime fails deep inside session creation with a
/// multi-line message that names one library at a time. The list is the provider's ELF NEEDED
/// entries (<c>readelf -d libonnxruntime_providers_cuda.so</c>) plus cuDNN, which it opens later.
/// </summary>
public static class CudaLibraries
{
    /// <summary>Each library the CUDA provider needs, with what provides it.</summary>
    public static IReadOnlyList<(string File, string ProvidedBy)> Required { get; } =
    [
        ("libcuda.so.1", "the NVIDIA driver"),
        ("libcudart.so.13", "the CUDA 13 runtime"),
        ("libcublas.so.13", "CUDA 13 cuBLAS"),
        ("libcublasLt.so.13", "CUDA 13 cuBLAS"),
        ("libcurand.so.10", "CUDA 13 cuRAND"),
        ("libcudnn.so.9", "cuDNN 9"),
    ];

    /// <summary>The required libraries the dynamic loader cannot open here (LD_LIBRARY_PATH, ldconfig's cache, RUNPATH).</summary>
    public static IReadOnlyList<(string File, string ProvidedBy)> Missing() =>
        Required.Where(r => !CanLoad(r.File)).ToList();

    /// <summary>"missing libcuda.so.1 (the NVIDIA driver), ..." naming each missing library and what provides it; null when none is missing.</summary>
    public static string? DescribeMissing()
    {
        var missing = Missing();
        return missing.Count == 0 ? null : "missing " + string.Join(", ", missing.Select(m => $"{m.File} ({m.ProvidedBy})"));
    }

    private static bool CanLoad(string file)
    {
        // Loading, not just finding: a library that is present but cannot be loaded (wrong
        // architecture, its own dependency missing) is as unusable as an absent one. The handle
        // is kept: the CUDA provider opens the same libraries next.
        return NativeLibrary.TryLoad(file, out _);
    }
}
