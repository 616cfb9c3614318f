namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// How a model's ONNX Runtime sessions run beyond the device: I/O binding and the CUDA provider's
/// options. The defaults are the choices for `segment` (README "GPU"); `bench model` exposes each
/// one so that a GPU run can measure the alternatives (scripts/gpu/measure-io-binding.sh).
/// </summary>
/// <param name="IoBinding">
/// Run through OrtIoBinding: encoder outputs are bound to the device's memory and fed to the
/// decoder as they are. Without it, ONNX Runtime returns the encoder's outputs in host memory and
/// the decoder copies them back to the GPU: on CUDA a round trip of every embedding (about
/// 4 MB per crop for SAM ViT-B's 256x64x64). On the CPU both paths run the same kernels on the
/// same memory: results are bitwise the same (tested).
/// </param>
/// <param name="ConvSearch">
/// cuDNN's convolution algorithm search: "heuristic" (default here), "exhaustive" (ONNX Runtime's
/// default) or "default". Exhaustive benchmarks every algorithm of every convolution on each new
/// input shape; `segment` sees many shapes (each frame's or run's last, partial batch; the
/// batch-size tuner's candidates 1, 2, 4, ... 256 on CUDA), so it would search again and again in
/// a run, and sat-unet is all convolutions. Heuristic picks from cuDNN's heuristics at no search cost.
/// </param>
/// <param name="GpuMemLimitBytes">Cap of the CUDA memory arena in bytes (0 = no cap, ONNX Runtime's default): for a GPU shared with other work.</param>
/// <param name="ArenaSameAsRequested">
/// Grow the CUDA arena by what a call asks for ("kSameAsRequested", default here) instead of the
/// next power of two: batch sizes grow while the tuner searches, and power-of-two growth can hold
/// nearly twice the memory the largest batch needs.
/// </param>
/// <param name="CopyInDefaultStream">
/// Copies between host and device on the compute stream (ONNX Runtime's default, kept): with
/// separate streams ONNX Runtime's documentation warns of races unless it synchronises, which
/// gives back what a second stream would gain for these small copies.
/// </param>
public sealed record SessionSettings(
    bool IoBinding = true,
    string ConvSearch = "heuristic",
    long GpuMemLimitBytes = 0,
    bool ArenaSameAsRequested = true,
    bool CopyInDefaultStream = true)
{
    /// <summary>The settings `segment` uses.</summary>
    public static SessionSettings Default { get; } = new();

    /// <summary>Parses a cuDNN convolution search name; the message names the option and the allowed values.</summary>
    public static string ParseConvSearch(string text) => text.Trim().ToLowerInvariant() switch
    {
        "heuristic" => "heuristic",
        "exhaustive" => "exhaustive",
        "default" => "default",
        _ => throw new ArgumentException($"--conv-search '{text}' is not exhaustive, heuristic or default"),
    };

    /// <summary>The CUDA provider's options as ONNX Runtime names them (OrtCUDAProviderOptions.UpdateOptions).</summary>
    public Dictionary<string, string> CudaProviderOptions(int deviceId)
    {
        var options = new Dictionary<string, string>
        {
            ["device_id"] = deviceId.ToString(),
            ["cudnn_conv_algo_search"] = ParseConvSearch(ConvSearch).ToUpperInvariant(),
            ["arena_extend_strategy"] = ArenaSameAsRequested ? "kSameAsRequested" : "kNextPowerOfTwo",
            ["do_copy_in_default_stream"] = CopyInDefaultStream ? "1" : "0",
        };
        if (GpuMemLimitBytes > 0) options["gpu_mem_limit"] = GpuMemLimitBytes.ToString();
        return options;
    }

    /// <summary>One line for reports: "io-binding, conv heuristic, arena same-as-requested".</summary>
    public string Describe(ExecutionDevice device)
    {
        string io = IoBinding ? "io-binding" : "no io-binding";
        if (!device.Cuda) return io;
        string limit = GpuMemLimitBytes > 0 ? $", gpu-mem-limit {GpuMemLimitBytes / (1 << 20)} MiB" : "";
        return $"{io}, conv {ConvSearch}, arena {(ArenaSameAsRequested ? "same-as-requested" : "next-power-of-two")}{limit}";
    }
}
