using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Baselines;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Creates a segmenter by name. "sam" runs a model folder with its manifest's pipeline settings;
/// the "sam-*" variants override them for comparisons (bench segment): whole-frame (naive SAM),
/// x2 / x4 (fixed crop, bicubic), x2-bilinear, adaptive (size-adaptive magnification), shift
/// (adaptive, window shifted inside the frame at borders instead of zero-padded), neg
/// (adaptive plus negative points from overlapping neighbours) and feedback (each track's
/// previous low-res logits offered as mask_input).
/// </summary>
public static class SegmenterFactory
{
    /// <summary>The segmenter used when none is named: the shipped model.</summary>
    public const string DefaultName = "sam";

    /// <summary>Folder of the model shipped with the tool (copied next to the executable).</summary>
    public static string DefaultModelFolder => Path.Combine(AppContext.BaseDirectory, "models", "sat-unet");

    /// <summary>The segmenter names accepted.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["sam", "sam-whole-frame", "sam-x2", "sam-x4", "sam-x2-bilinear", "sam-adaptive", "sam-shift", "sam-neg", "sam-feedback", "box", "grabcut"];

    /// <summary>Checks a segmenter name and batch size without loading anything (a job calls it before it starts work).</summary>
    /// <exception cref="JobException">The name is unknown or the batch size negative.</exception>
    public static void Validate(string name, int batchSize)
    {
        if (!Names.Contains(name)) throw new JobException($"unknown segmenter '{name}': choose one of {string.Join(", ", Names)}");
        if (batchSize < 0) throw new JobException($"--batch-size {batchSize}: give 0 (automatic) or a positive number of crops per model call");
    }

    /// <summary>Creates a segmenter; <paramref name="model"/> is the model folder for the sam variants (null = shipped model).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="model">Model folder for the sam segmenters (null = the shipped model).</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0 = one per core).</param>
    /// <param name="device">"cpu", "cuda", "cuda:N" or "auto".</param>
    /// <param name="batchSize">Crops per model call (0 = measured and chosen automatically).</param>
    /// <param name="timer">Receives the sam segmenters' "crop", "model" and "paste" seconds.</param>
    /// <param name="settings">I/O binding and CUDA provider options (<see cref="SessionSettings.Default"/> when null).</param>
    /// <param name="predictedPrompts">
    /// Whether some prompts will be predicted from tracks (sparse boxes). Only those are offered mask
    /// memory, so without them a memory model keeps no logits: nothing to copy per object, and nothing
    /// a resumed run must wait for a memory snapshot to restore.
    /// </param>
    public static ISegmenter Create(string name, string? model, int threads = 0, string device = "cpu", int batchSize = 0, StageTimer? timer = null,
        SessionSettings? settings = null, bool predictedPrompts = false)
    {
        Validate(name, batchSize);
        switch (name)
        {
            case "box": return new BoxSegmenter();
            case "grabcut": return new GrabCutSegmenter();
        }
        var loaded = LoadModel(model, threads, device, settings);
        var manifest = SamOptions.FromManifest(loaded.Manifest);
        var defaults = manifest with { BatchSize = batchSize, MaskMemory = manifest.MaskMemory && predictedPrompts };
        var crop = defaults.Crop;
        var options = name switch
        {
            "sam-whole-frame" => defaults with { WholeFrame = true },
            "sam-x2" => defaults with { WholeFrame = false, Bicubic = true, Crop = crop with { Adaptive = false, UpsampleFactor = 2 } },
            "sam-x4" => defaults with { WholeFrame = false, Bicubic = true, Crop = crop with { Adaptive = false, UpsampleFactor = 4 } },
            "sam-x2-bilinear" => defaults with { WholeFrame = false, Bicubic = false, Crop = crop with { Adaptive = false, UpsampleFactor = 2 } },
            "sam-adaptive" => defaults with { WholeFrame = false, Crop = crop with { Adaptive = true } },
            "sam-shift" => defaults with { WholeFrame = false, Crop = crop with { Adaptive = true, ShiftInside = true } },
            "sam-feedback" => defaults with { WholeFrame = false, MaskFeedback = true },
            "sam-neg" => defaults with { WholeFrame = false, Crop = crop with { Adaptive = true }, NegativePoints = true },
            _ => defaults,
        };
        return new SamSegmenter(loaded, options, timer: timer);
    }

    /// <summary>Loads a SAM-contract model folder (the shipped one when null); a broken folder or an unusable device is a job error.</summary>
    /// <param name="model">Model folder (the shipped model when null).</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0 = one per core).</param>
    /// <param name="device">"cpu", "cuda", "cuda:N" or "auto".</param>
    /// <param name="settings">I/O binding and CUDA provider options (<see cref="SessionSettings.Default"/> when null).</param>
    public static SamModel LoadModel(string? model, int threads, string device, SessionSettings? settings = null)
    {
        try
        {
            return SamModel.Load(model ?? DefaultModelFolder, threads, ExecutionDevice.Parse(device), settings);
        }
        catch (Exception e) when (e is ModelContractException or DeviceUnavailableException or ArgumentException)
        {
            throw new JobException(e.Message, e);
        }
    }
}
