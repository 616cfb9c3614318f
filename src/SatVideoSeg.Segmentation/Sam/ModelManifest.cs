using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// models/&lt;name&gt;/model.json: which contract a SAM-family export follows, its files and
/// preprocessing, and the pipeline settings it was trained for. Any official-style SAM, HQ-SAM or
/// SAM 2 export runs by writing one of these; no code change.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Model name shown in reports.</summary>
    public string Name { get; init; } = "";

    /// <summary>"sam", "sam-hq" or "sam2" (FORMATS.md §1).</summary>
    public string Contract { get; init; } = "sam";

    /// <summary>Encoder ONNX file, relative to the manifest.</summary>
    public string Encoder { get; init; } = "encoder.onnx";

    /// <summary>Decoder ONNX file, relative to the manifest.</summary>
    public string Decoder { get; init; } = "decoder.onnx";

    /// <summary>Encoder input side S in pixels (1024 for SAM).</summary>
    public int InputSize { get; init; } = 1024;

    /// <summary>"longest-side" (SAM: aspect kept, padded) or "square" (SAM 2: plain resize).</summary>
    public string Resize { get; init; } = "longest-side";

    /// <summary>Per-channel mean on 0-255 values, in <see cref="ChannelOrder"/>.</summary>
    public double[] PixelMean { get; init; } = [123.675, 116.28, 103.53];

    /// <summary>Per-channel standard deviation on 0-255 values.</summary>
    public double[] PixelStd { get; init; } = [58.395, 57.12, 57.375];

    /// <summary>"rgb" or "bgr".</summary>
    public string ChannelOrder { get; init; } = "rgb";

    /// <summary>Logit threshold: pixels with logit above it are foreground (0 for SAM).</summary>
    public double MaskThreshold { get; init; }

    /// <summary>True when the decoder was exported with return_single_mask=False (K=4 masks, index 0 single).</summary>
    public bool MultimaskOutput { get; init; }

    /// <summary>
    /// Whether the decoder uses <c>mask_input</c> (SAM's exports do; sat-unet v1 multiplies it by zero):
    /// then a track prompted from its prediction is offered its previous mask, moved with it (mask memory).
    /// </summary>
    public bool MaskInputUsed { get; init; }

    /// <summary>
    /// Which mask a decoder that returns one mask per prompt gives: "token0", SamPredictor's
    /// multimask_output=False mask (the project's exports, sat-unet), or "point-count", the official
    /// export's --return-single-mask rule (token 0 only for more than 2 points, else the best of
    /// tokens 1-3). Absent: inferred when the model loads (<see cref="SamModel.SelectsMaskByPointCount"/>).
    /// </summary>
    public string? MaskSelection { get; init; }

    /// <summary>
    /// Label of the points that pad shorter prompts of a batch: -1, SAM's "not a point", which takes
    /// part in attention; or -2 for decoders that leave such points out of attention
    /// (training/export_sam.py), so that a prompt's mask does not depend on the rest of its batch.
    /// </summary>
    public float PaddingLabel { get; init; } = -1;

    /// <summary>Whether encoder and decoder accept a batch of several images.</summary>
    public bool BatchAxis { get; init; }

    /// <summary>
    /// Element type of every float tensor of the contract: "float32", or "float16" for a model
    /// folder converted by training/convert_fp16.py. The engine writes float16 inputs and converts
    /// float16 outputs back to float32 at the model's boundary; everything else runs as for float32.
    /// </summary>
    public string TensorType { get; init; } = "float32";

    /// <summary>Extra encoder outputs fed to the decoder by name (HQ-SAM's interm_embeddings, multi-scale features).</summary>
    public string[] ExtraFeatures { get; init; } = [];

    /// <summary>Encoder input name; default "input_image" (SAM, HQ-SAM) or "image" (SAM 2 community export).</summary>
    public string? InputName { get; init; }

    /// <summary>Embedding name (encoder output, decoder input); default "image_embeddings", or "image_embed" for SAM 2.</summary>
    public string? EmbeddingName { get; init; }

    /// <summary>Decoder output holding the low-res logits; default "low_res_masks", or "masks" for SAM 2 (which returns only low-res masks).</summary>
    public string? LowResName { get; init; }

    /// <summary>The encoder input name in use.</summary>
    [JsonIgnore]
    public string EncoderInput => InputName ?? (Contract == "sam2" ? "image" : SamContract.InputImage);

    /// <summary>The embedding name in use.</summary>
    [JsonIgnore]
    public string Embedding => EmbeddingName ?? (Contract == "sam2" ? "image_embed" : SamContract.ImageEmbeddings);

    /// <summary>The low-res logits output name in use.</summary>
    [JsonIgnore]
    public string LowResOutput => LowResName ?? (Contract == "sam2" ? SamContract.Masks : SamContract.LowResMasks);

    /// <summary>Default pipeline settings the model was made for.</summary>
    public PipelineDefaults Pipeline { get; init; } = new();

    /// <summary>The folder the manifest was read from (set by <see cref="Load"/>).</summary>
    [JsonIgnore]
    public string Folder { get; init; } = "";

    /// <summary>Full path of the encoder file.</summary>
    [JsonIgnore]
    public string EncoderPath => Path.Combine(Folder, Encoder);

    /// <summary>Full path of the decoder file.</summary>
    [JsonIgnore]
    public string DecoderPath => Path.Combine(Folder, Decoder);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and validates &lt;folder&gt;/model.json (or a manifest file path).</summary>
    public static ModelManifest Load(string folderOrFile)
    {
        string file = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, "model.json") : folderOrFile;
        if (!File.Exists(file)) throw new ModelContractException($"{file}: no such model manifest (a model folder holds model.json)");
        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(file), Json)
                ?? throw new ModelContractException($"{file}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new ModelContractException($"{file}: invalid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
        manifest = manifest with { Folder = Path.GetDirectoryName(Path.GetFullPath(file))! };
        var problems = manifest.Problems();
        if (problems.Count > 0) throw new ModelContractException($"{file}: " + string.Join("; ", problems));
        return manifest;
    }

    /// <summary>Everything wrong with the manifest's values (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Contract is not ("sam" or "sam-hq" or "sam2")) p.Add($"contract '{Contract}' is not one of sam, sam-hq, sam2");
        if (InputSize < 16 || InputSize > 4096) p.Add($"inputSize {InputSize} is outside 16..4096");
        if (Resize is not ("longest-side" or "square")) p.Add($"resize '{Resize}' is not longest-side or square");
        if (PixelMean.Length != 3) p.Add($"pixelMean needs 3 values, got {PixelMean.Length}");
        if (PixelStd.Length != 3 || PixelStd.Any(s => s <= 0)) p.Add("pixelStd needs 3 positive values");
        if (ChannelOrder is not ("rgb" or "bgr")) p.Add($"channelOrder '{ChannelOrder}' is not rgb or bgr");
        if (MaskSelection is not (null or "token0" or "point-count")) p.Add($"maskSelection '{MaskSelection}' is not token0 or point-count");
        if (TensorType is not ("float32" or "float16")) p.Add($"tensorType '{TensorType}' is not float32 or float16");
        if (PaddingLabel is not (-1 or -2)) p.Add($"paddingLabel {PaddingLabel} is not -1 (SAM's padding point) or -2 (left out of attention)");
        if (Folder.Length > 0)
        {
            if (!File.Exists(EncoderPath)) p.Add($"encoder file {EncoderPath} does not exist");
            if (!File.Exists(DecoderPath)) p.Add($"decoder file {DecoderPath} does not exist");
        }
        p.AddRange(Pipeline.Problems());
        return p;
    }
}
