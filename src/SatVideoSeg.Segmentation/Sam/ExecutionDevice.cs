using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Where ONNX Runtime runs the model: "cpu", "cuda" / "cuda:N" or "auto". The default build uses
/// the CPU package; building with <c>-p:OnnxRuntimeGpu=true</c> swaps in
/// Microsoft.ML.OnnxRuntime.Gpu.Linux (same version) and compiles the CUDA path (constant ORT_GPU).
/// </summary>
/// <param name="Cuda">Run on a CUDA GPU.</param>
/// <param name="DeviceId">The CUDA device's ordinal.</param>
/// <param name="Auto">Asked for as "auto": a GPU build without usable CUDA falls back to the CPU instead of failing.</param>
public readonly record struct ExecutionDevice(bool Cuda, int DeviceId, bool Auto = false)
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
        if (t == "auto") return GpuBuild ? new(true, 0, Auto: true) : Cpu;
        if (t == "cuda") return RequireGpuBuild(new(true, 0), text);
        if (t.StartsWith("cuda:") && int.TryParse(t[5..], out int id) && id >= 0) return RequireGpuBuild(new(true, id), text);
        throw new ArgumentException($"device '{text}' is not cpu, cuda, cuda:N or auto");
    }

    private static ExecutionDevice RequireGpuBuild(ExecutionDevice device, string text) => GpuBuild
        ? device
        : throw new ArgumentException($"device '{text}' needs a GPU build: this build carries only ONNX Runtime's CPU package; rebuild with 'dotnet build -p:{GpuBuildProperty}=true' (package Microsoft.ML.OnnxRuntime.Gpu.Linux)");

    /// <summary>
    /// Adds this device's execution provider, with <paramref name="settings"/>' CUDA provider options,
    /// to session options and returns the device the model will really run on: the CPU where "auto"
    /// found no usable CUDA (then one line on <paramref name="notes"/>, stderr when null, says why).
    /// </summary>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for explicitly and cannot run here; the one-line message names what is missing.</exception>
    public ExecutionDevice Configure(SessionOptions options, SessionSettings? settings = null, TextWriter? notes = null)
    {
        if (!Cuda) return this;
#if ORT_GPU
        // Probe first: ONNX Runtime's own failure is several lines long, names one library at a
        // time and comes only once a session is created.
        string? problem = CudaLibraries.DescribeMissing();
        if (problem is null)
        {
            try
            {
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions((settings ?? SessionSettings.Default).CudaProviderOptions(DeviceId));
                options.AppendExecutionProvider_CUDA(cuda);
                return this;
            }
            catch (OnnxRuntimeException e)
            {
                problem = "ONNX Runtime's CUDA provider failed to start: " + e.Message.Split('\n')[0].Trim();
            }
        }
        if (!Auto)
            throw new DeviceUnavailableException($"--device {this}: CUDA is not usable here: {problem}; install them or add their folders to LD_LIBRARY_PATH (scripts/gpu/run.sh finds NVIDIA's Python wheels), or run with --device cpu");
        (notes ?? Console.Error).WriteLine($"--device auto: CUDA is not usable here ({problem}); running on the CPU");
        return Cpu;
#else
        throw new InvalidOperationException($"CUDA requested in a CPU build; rebuild with -p:{GpuBuildProperty}=true");
#endif
    }

    /// <inheritdoc />
    public override string ToString() => Cuda ? $"cuda:{DeviceId}" : "cpu";
}
