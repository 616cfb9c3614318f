using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>How <see cref="SamSegmenter"/> runs a model; defaults come from the model's manifest.</summary>
/// <param name="WholeFrame">True: naive SAM, the whole frame resized to the encoder (encode once per frame). False: ROS-SAM crops, one object per inference.</param>
/// <param name="Crop">How crops are chosen.</param>
/// <param name="Bicubic">Bicubic (true, ROS-SAM) or bilinear upsampling of crops.</param>
/// <param name="BatchSize">Crops per encoder/decoder call where the model has a batch axis; 0 = measured and chosen automatically (<see cref="BatchSizeTuner"/>).</param>
/// <param name="NegativePoints">Re-prompt objects whose masks overlap with the other's centre as a negative point (PointSAM).</param>
/// <param name="MaskFeedback">Offer each track's previous low-res logits as mask_input, for every prompt (crop mode; `sam-feedback`).</param>
/// <param name="MaskMemory">
/// Offer a track prompted from its prediction its previous low-res logits, moved as far as its crop
/// moved (the measured motion), as mask_input (crop mode). On where the manifest says
/// <see cref="ModelManifest.MaskInputUsed"/>. Annotated prompts are never given one: the user's box
/// stands on its own, and runs with every box given stay as they were.
/// </param>
public sealed record SamOptions(bool WholeFrame, CropPolicy Crop, bool Bicubic, int BatchSize = 0, bool NegativePoints = false, bool MaskFeedback = false,
    bool MaskMemory = false)
{
    /// <summary>The settings a manifest asks for.</summary>
    public static SamOptions FromManifest(ModelManifest m)
    {
        var p = m.Pipeline;
        var crop = new CropPolicy(p.CropSize == "adaptive", p.UpsampleFactor, p.ContextFactor, (int)Math.Ceiling(p.MinCropSize), p.Border == "shift");
        return new SamOptions(p.Mode == "whole-frame", crop, p.Upsample == "bicubic", MaskMemory: m.MaskInputUsed);
    }

    /// <summary>A short description for tables: "whole-frame", "x2-bicubic", "adaptive-bicubic+neg", with "-zeropad" where the window is not shifted inside.</summary>
    public string Describe()
    {
        if (WholeFrame) return "whole-frame";
        string size = Crop.Adaptive ? "adaptive" : $"x{Crop.UpsampleFactor:0.##}";
        return $"{size}-{(Bicubic ? "bicubic" : "bilinear")}{(Crop.ShiftInside ? "" : "-zeropad")}{(NegativePoints ? "+neg" : "")}{(MaskFeedback ? "+feedback" : MaskMemory ? "+memory" : "")}";
    }
}
