using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The tensor names, ranks and element types of the SAM ONNX contract (FORMATS.md §1), checked
/// against a loaded model so that a wrong export fails with every mismatch named.
/// </summary>
public static class SamContract
{
    /// <summary>Encoder input name.</summary>
    public const string InputImage = "input_image";

    /// <summary>Embedding name (encoder output, decoder input).</summary>
    public const string ImageEmbeddings = "image_embeddings";

    /// <summary>Decoder prompt inputs.</summary>
    public const string PointCoords = "point_coords", PointLabels = "point_labels", MaskInput = "mask_input", HasMaskInput = "has_mask_input", OrigImSize = "orig_im_size";

    /// <summary>Decoder outputs.</summary>
    public const string Masks = "masks", IouPredictions = "iou_predictions", LowResMasks = "low_res_masks";

    /// <summary>Checks an encoder/decoder pair against a manifest; returns every mismatch (empty when it conforms).</summary>
    public static IReadOnlyList<string> Check(ModelManifest manifest, InferenceSession encoder, InferenceSession decoder)
    {
        var problems = new List<string>();
        string enc = Path.GetFileName(manifest.EncoderPath), dec = Path.GetFileName(manifest.DecoderPath);
        string imageName = manifest.EncoderInput;
        if (!encoder.InputMetadata.TryGetValue(imageName, out var image))
        {
            problems.Add($"{enc}: no input '{imageName}' (inputs: {string.Join(", ", encoder.InputMetadata.Keys)})");
        }
        else
        {
            Expect(problems, enc, imageName, image, TensorElementType.Float, [3, 4]);
            if (image.Dimensions.Length == 4 && image.Dimensions[1] != 3) problems.Add($"{enc}: input '{imageName}' has {image.Dimensions[1]} channels, expected 3 ([B,3,S,S])");
            if (image.Dimensions.Length == 4 && image.Dimensions[2] > 0 && image.Dimensions[2] != manifest.InputSize)
                problems.Add($"{enc}: input '{imageName}' is {image.Dimensions[2]} px high, model.json says inputSize {manifest.InputSize}");
        }
        foreach (string name in (string[])[manifest.Embedding, .. manifest.ExtraFeatures])
        {
            if (!encoder.OutputMetadata.TryGetValue(name, out var output)) problems.Add($"{enc}: no output '{name}' (outputs: {string.Join(", ", encoder.OutputMetadata.Keys)})");
            else Expect(problems, enc, name, output, TensorElementType.Float, null);
            if (!decoder.InputMetadata.TryGetValue(name, out var input)) problems.Add($"{dec}: no input '{name}'");
            else Expect(problems, dec, name, input, TensorElementType.Float, null);
        }
        var decoderInputs = new (string Name, int[] Ranks)[] { (PointCoords, [3]), (PointLabels, [2]), (MaskInput, [4]), (HasMaskInput, [1]), (OrigImSize, [1]) };
        foreach (var (name, ranks) in decoderInputs)
        {
            if (!decoder.InputMetadata.TryGetValue(name, out var meta)) problems.Add($"{dec}: no input '{name}'");
            else Expect(problems, dec, name, meta, TensorElementType.Float, ranks);
        }
        // SAM 2's community decoder returns only low-res masks; the others also return full-size masks.
        string[] outputs = manifest.Contract == "sam2" ? [IouPredictions, manifest.LowResOutput] : [Masks, IouPredictions, manifest.LowResOutput];
        foreach (string name in outputs.Distinct())
        {
            if (!decoder.OutputMetadata.TryGetValue(name, out var meta)) problems.Add($"{dec}: no output '{name}' (outputs: {string.Join(", ", decoder.OutputMetadata.Keys)})");
            else Expect(problems, dec, name, meta, TensorElementType.Float, name == IouPredictions ? [2] : [4]);
        }
        return problems;
    }

    private static void Expect(List<string> problems, string file, string name, NodeMetadata meta, TensorElementType type, int[]? ranks)
    {
        if (!meta.IsTensor)
        {
            problems.Add($"{file}: '{name}' is not a tensor");
            return;
        }
        if (meta.ElementDataType != type) problems.Add($"{file}: '{name}' is {meta.ElementDataType}, expected {type}");
        if (ranks is not null && !ranks.Contains(meta.Dimensions.Length))
            problems.Add($"{file}: '{name}' has shape {Shape(meta)}, expected rank {string.Join(" or ", ranks)}");
    }

    /// <summary>A tensor shape as text, symbolic dimensions by name ("[B,3,64,64]").</summary>
    public static string Shape(NodeMetadata meta) =>
        "[" + string.Join(",", meta.Dimensions.Select((d, i) => d >= 0 ? d.ToString() : (meta.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))) + "]";
}
