using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Benchmarks.Inputs;

/// <summary>The frame, model sizes and seed every benchmark builds its inputs from.</summary>
internal static class BenchmarkScene
{
    /// <summary>Frame width in pixels: a 16:9 satellite-video frame (1024x576).</summary>
    public const int FrameWidth = 1024;

    /// <summary>Frame height in pixels.</summary>
    public const int FrameHeight = 576;

    /// <summary>Fixed so that every run, on every machine, times the same pixels.</summary>
    public const int Seed = 20261123;

    /// <summary>
    /// Encoder input side and low-res logit side of the shipped model (models/sat-unet/model.json:
    /// inputSize 64, lowResMaskSize 64).
    /// </summary>
    public const int ModelSide = 64;

    /// <summary>The shipped model's crop rule (model.json "pipeline": adaptive, context 1.6, min side 16, zero-padded border).</summary>
    public static readonly CropPolicy Crop = new(Adaptive: true, UpsampleFactor: 2, ContextFactor: 1.6, MinSide: 16, ShiftInside: false);
}
