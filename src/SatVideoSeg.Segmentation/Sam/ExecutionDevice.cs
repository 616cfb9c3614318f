using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Where ONNX Runtime runs the model: "cpu", "cuda" / "cuda:N" or "auto". The default build uses
/// the CPU package; building with <c>-p:OnnxRuntimeGpu=true</c> swaps in
/// Microsoft.ML.OnnxRuntime.Gpu and compiles the CUDA path (constant ORT_GPU).
/// </summary>
public readonly record struct ExecutionDevice(bool Cuda, int DeviceId)
{
    /// <summary>The MSBuild property that makes a GPU build.</summary>
    public const string GpuBuildProperty = "OnnxRuntimeGpu";

    /// <summary>True when this build carries the CUDA execution provider.</summary>
#if ORT_GPU
    public static bool GpuBuild => true;
#else
    public static bool GpuBuild => false;
#endif

    /// <summary>The CPU.</summary>
    public static ExecutionDevice Cpu => new(false, 0);

    /// <summary>Parses "cpu", "cuda", "cuda:N" or "auto" (CUDA in a GPU build, else CPU).</summary>
    public static ExecutionDevice Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "auto") return GpuBuild ? new(true, 0) : Cpu;
        if (t == "cuda") return RequireGpuBuild(new(true, 0), text);
        if (t.StartsWith("cuda:") && int.TryParse(t[5..], out int id) && id >= 0) return RequireGpuBuild(new(true, id), text);
        throw new ArgumentException($"device '{text}' is not cpu, cuda, cuda:N or auto");
    }

    private static ExecutionDevice RequireGpuBuild(ExecutionDevice device, string text) => GpuBuild
        ? device
        : throw new ArgumentException($"device '{text}' needs a GPU build: this build carries only ONNX Runtime's CPU package; rebuild with 'dotnet build -p:{GpuBuildProperty}=true' (package Microsoft.ML.OnnxRuntime.Gpu)");

    /// <summary>Adds this device's execution provider to session options.</summary>
    public void Configure(SessionOptions options)
    {
        if (!Cuda) return;
#if ORT_GPU
        options.AppendExecutionProvider_CUDA(DeviceId);
#else
        throw new InvalidOperationException($"CUDA requested in a CPU build; rebuild with -p:{GpuBuildProperty}=true");
#endif
    }

    /// <inheritdoc />
    public override string ToString() => Cuda ? $"cuda:{DeviceId}" : "cpu";
}
