using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The tensor names, ranks, element types and fixed sizes of the SAM ONNX contract (FORMATS.md §1),
/// checked against a loaded model (by `models check` and at every load) so that a wrong export
/// fails with every mismatch named, by ONNX file, before any inference: the engine feeds the
/// encoder [B,3,S,S] and reads [B,C,h,w] embeddings, and model.json's batchAxis must not promise a
/// batch that a fixed leading 1 refuses (issue 20: [B,3,4096] passed the check and failed at the
/// first inference with an ONNX Runtime message naming no file).
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
        var floats = manifest.TensorType == "float16" ? TensorElementType.Float16 : TensorElementType.Float;
        string enc = Path.GetFileName(manifest.EncoderPath), dec = Path.GetFileName(manifest.DecoderPath);
        string imageName = manifest.EncoderInput;
        if (!encoder.InputMetadata.TryGetValue(imageName, out var image))
        {
            problems.Add($"{enc}: no input '{imageName}' (inputs: {string.Join(", ", encoder.InputMetadata.Keys)})");
        }
        else
        {
            Expect(problems, enc, imageName, image, floats, [4], "[B,3,S,S]");
            var d = image.Dimensions;
            if (d.Length == 4 && d[1] >= 0 && d[1] != 3) problems.Add($"{enc}: input '{imageName}' has {d[1]} channels, expected 3 ([B,3,S,S])");
            if (d.Length == 4 && d[2] > 0 && d[2] != manifest.InputSize)
                problems.Add($"{enc}: input '{imageName}' is {d[2]} px high, model.json says inputSize {manifest.InputSize}");
            if (d.Length == 4 && d[3] > 0 && d[3] != manifest.InputSize)
                problems.Add($"{enc}: input '{imageName}' is {d[3]} px wide, model.json says inputSize {manifest.InputSize}");
            ExpectBatchAxis(problems, manifest, enc, imageName, image);
        }
        foreach (string name in (string[])[manifest.Embedding, .. manifest.ExtraFeatures])
        {
            // The embedding is [B,C,h,w]; extra features differ by model (HQ-SAM's are rank 5).
            int[]? rank = name == manifest.Embedding ? [4] : null;
            string? layout = name == manifest.Embedding ? "[B,C,h,w]" : null;
            encoder.OutputMetadata.TryGetValue(name, out var output);
            decoder.InputMetadata.TryGetValue(name, out var input);
            if (output is null) problems.Add($"{enc}: no output '{name}' (outputs: {string.Join(", ", encoder.OutputMetadata.Keys)})");
            else Expect(problems, enc, name, output, floats, rank, layout);
            if (input is null) problems.Add($"{dec}: no input '{name}'");
            else
            {
                Expect(problems, dec, name, input, floats, rank, layout);
                ExpectBatchAxis(problems, manifest, dec, name, input);
            }
            if (output is { IsTensor: true } && input is { IsTensor: true } && !Compatible(output.Dimensions.Skip(1), input.Dimensions.Skip(1)))
                problems.Add($"{enc} outputs '{name}' as {Shape(output)} but {dec} takes it as {Shape(input)}");
        }
        if (decoder.InputMetadata.TryGetValue(PointCoords, out var coords) && coords.Dimensions is [_, _, >= 0 and not 2])
            problems.Add($"{dec}: '{PointCoords}' has shape {Shape(coords)}, expected [B,N,2] (x, y per point)");
        if (decoder.InputMetadata.TryGetValue(MaskInput, out var maskInput) && maskInput.Dimensions is [_, >= 0 and not 1, _, _])
            problems.Add($"{dec}: '{MaskInput}' has shape {Shape(maskInput)}, expected [B,1,4h,4w]");
        var decoderInputs = new (string Name, int[] Ranks)[] { (PointCoords, [3]), (PointLabels, [2]), (MaskInput, [4]), (HasMaskInput, [1]), (OrigImSize, [1]) };
        foreach (var (name, ranks) in decoderInputs)
        {
            if (!decoder.InputMetadata.TryGetValue(name, out var meta)) problems.Add($"{dec}: no input '{name}'");
            else Expect(problems, dec, name, meta, floats, ranks);
        }
        // SAM 2's community decoder returns only low-res masks; the others also return full-size masks.
        string[] outputs = manifest.Contract == "sam2" ? [IouPredictions, manifest.LowResOutput] : [Masks, IouPredictions, manifest.LowResOutput];
        foreach (string name in outputs.Distinct())
        {
            if (!decoder.OutputMetadata.TryGetValue(name, out var meta)) problems.Add($"{dec}: no output '{name}' (outputs: {string.Join(", ", decoder.OutputMetadata.Keys)})");
            else Expect(problems, dec, name, meta, floats, name == IouPredictions ? [2] : [4]);
        }
        return problems;
    }

    private static void Expect(List<string> problems, string file, string name, NodeMetadata meta, TensorElementType type, int[]? ranks, string? layout = null)
    {
        if (!meta.IsTensor)
        {
            problems.Add($"{file}: '{name}' is not a tensor");
            return;
        }
        if (meta.ElementDataType != type)
            problems.Add($"{file}: '{name}' is {meta.ElementDataType}, expected {type}" + (type == TensorElementType.Float16 || meta.ElementDataType == TensorElementType.Float16 ? " (model.json tensorType)" : ""));
        if (ranks is not null && !ranks.Contains(meta.Dimensions.Length))
            problems.Add($"{file}: '{name}' has shape {Shape(meta)}, expected rank {string.Join(" or ", ranks)}{(layout is null ? "" : $" ({layout})")}");
    }

    // batchAxis true promises several crops per call: a leading dimension fixed at 1 refuses them.
    private static void ExpectBatchAxis(List<string> problems, ModelManifest manifest, string file, string name, NodeMetadata meta)
    {
        if (manifest.BatchAxis && meta.IsTensor && meta.Dimensions.Length > 0 && meta.Dimensions[0] == 1)
            problems.Add($"{file}: '{name}' has shape {Shape(meta)}, a fixed batch of 1, but model.json says batchAxis true; set it false or export with a dynamic batch axis");
    }

    // Two shapes agree where both are fixed (symbolic dimensions are -1).
    private static bool Compatible(IEnumerable<int> a, IEnumerable<int> b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        return x.Length == y.Length && x.Zip(y).All(p => p.First < 0 || p.Second < 0 || p.First == p.Second);
    }

    /// <summary>A tensor shape as text, symbolic dimensions by name ("[B,3,64,64]").</summary>
    public static string Shape(NodeMetadata meta) =>
        "[" + string.Join(",", meta.Dimensions.Select((d, i) => d >= 0 ? d.ToString() : (meta.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))) + "]";
}
