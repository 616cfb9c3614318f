namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The small-object pipeline a model was made for (model.json "pipeline"). Crop sizes:
/// <c>fixed</c> takes side = inputSize / upsampleFactor (ROS-SAM: 1024 / 2 = 512 px);
/// <c>adaptive</c> takes side = contextFactor x the box's longer side, at least minCropSize, so
/// the magnification inputSize / side grows as objects shrink (SOPSeg's idea) and large objects
/// are never cut.
/// </summary>
public sealed record PipelineDefaults
{
    /// <summary>"crop" (ROS-SAM, one object per inference) or "whole-frame" (naive SAM).</summary>
    public string Mode { get; init; } = "crop";

    /// <summary>"fixed" or "adaptive" crop size.</summary>
    public string CropSize { get; init; } = "fixed";

    /// <summary>Fixed mode: crop side = inputSize / upsampleFactor.</summary>
    public double UpsampleFactor { get; init; } = 2;

    /// <summary>Adaptive mode: crop side / the box's longer side.</summary>
    public double ContextFactor { get; init; } = 2;

    /// <summary>Adaptive mode: smallest crop side in pixels.</summary>
    public double MinCropSize { get; init; } = 16;

    /// <summary>Interpolation of the crop to the input size: "bicubic" or "bilinear".</summary>
    public string Upsample { get; init; } = "bicubic";

    /// <summary>Near image borders: "shift" the window inside the image, or "zero-pad" as the ROS-SAM reference does.</summary>
    public string Border { get; init; } = "shift";

    /// <summary>Everything wrong with these settings.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Mode is not ("crop" or "whole-frame")) p.Add($"pipeline.mode '{Mode}' is not crop or whole-frame");
        if (CropSize is not ("fixed" or "adaptive")) p.Add($"pipeline.cropSize '{CropSize}' is not fixed or adaptive");
        if (UpsampleFactor <= 0) p.Add($"pipeline.upsampleFactor {UpsampleFactor} must be positive");
        if (ContextFactor < 1) p.Add($"pipeline.contextFactor {ContextFactor} must be at least 1 (the crop must hold the box)");
        if (MinCropSize < 2) p.Add($"pipeline.minCropSize {MinCropSize} must be at least 2");
        if (Upsample is not ("bicubic" or "bilinear")) p.Add($"pipeline.upsample '{Upsample}' is not bicubic or bilinear");
        if (Border is not ("shift" or "zero-pad")) p.Add($"pipeline.border '{Border}' is not shift or zero-pad");
        return p;
    }
}
