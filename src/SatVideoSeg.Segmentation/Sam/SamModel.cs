using Microsoft.ML.OnnxRuntime;
using SatVideoSeg.Core.Buffers;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The encoder and decoder ONNX Runtime sessions of one SAM-family model, checked against the
/// contract when loaded. Owns both sessions; dispose to release them.
/// </summary>
public sealed class SamModel : IDisposable
{
    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;

    private SamModel(ModelManifest manifest, InferenceSession encoder, InferenceSession decoder, ExecutionDevice device)
    {
        Manifest = manifest;
        Device = device;
        _encoder = encoder;
        _decoder = decoder;
        var image = encoder.InputMetadata[manifest.EncoderInput];
        EncoderBatchable = image.Dimensions.Length == 4 && image.Dimensions[0] != 1;
        DecoderBatchable = decoder.InputMetadata[manifest.Embedding].Dimensions[0] != 1 && manifest.BatchAxis;
        var lowRes = decoder.OutputMetadata[manifest.LowResOutput].Dimensions;
        MasksPerPrompt = lowRes.Length == 4 && lowRes[1] > 0 ? lowRes[1] : 0;
        // The official export script's --return-single-mask graph has a fixed batch of 1 and one
        // mask; the project's own batched exports and sat-unet say batchAxis and return token 0.
        SelectsMaskByPointCount = manifest.MaskSelection == "point-count"
            || (manifest.MaskSelection is null && manifest.Contract != "sam2" && MasksPerPrompt == 1 && !manifest.BatchAxis);
    }

    /// <summary>The manifest the model was loaded from.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Where the model runs: the device asked for, or the CPU where "auto" found no usable CUDA.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Whether the encoder accepts several images per call.</summary>
    public bool EncoderBatchable { get; }

    /// <summary>Whether the decoder accepts several embeddings and prompts per call.</summary>
    public bool DecoderBatchable { get; }

    /// <summary>Masks per prompt in low_res_masks (1 or 4; 0 where the export leaves it symbolic).</summary>
    public int MasksPerPrompt { get; }

    /// <summary>
    /// True for the official --return-single-mask decoder, which returns token 0 (the box mask
    /// SamPredictor gives) only when a prompt has more than 2 points: the segmenter then pads
    /// every prompt to 3 points with SAM's "not a point" (0,0,-1).
    /// </summary>
    public bool SelectsMaskByPointCount { get; }

    /// <summary>Which mask the decoder's output gives the segmenter, in words (for `models check`).</summary>
    public string DescribeMaskOutput()
    {
        if (SelectsMaskByPointCount)
            return "1 mask chosen by point count (official --return-single-mask export): every prompt is padded to 3 points with (0,0,-1) so that it returns token 0, "
                + "the box mask; that extra 'not a point' token is not in SamPredictor's prompt, so masks can differ slightly from it. "
                + "For SamPredictor's masks exactly, export without --return-single-mask (4 masks) or convert the checkpoint with training/export_sam.py";
        string padding = Manifest.PaddingLabel == -2 ? "; batch padding points are left out of attention" : "";
        if (Manifest.MaskSelection == "token0" && MasksPerPrompt <= 1)
            return "1 mask per prompt, SamPredictor's single mask (token 0; model.json: maskSelection token0)" + padding;
        return MasksPerPrompt switch
        {
            1 => "1 mask per prompt, SamPredictor's single mask (token 0)" + padding,
            0 => "the graph leaves the number of masks per prompt open; index 0 is used (SamPredictor's single mask in the official 4-mask export)" + padding,
            _ => $"{MasksPerPrompt} masks per prompt; index 0, SamPredictor's single mask, is used" + padding,
        };
    }

    /// <summary>Loads a model folder; every contract mismatch is named in one error.</summary>
    /// <param name="folder">Folder holding model.json.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads (0 = its default, one per core).</param>
    /// <param name="device">Execution device (CPU when null).</param>
    public static SamModel Load(string folder, int intraOpThreads = 0, ExecutionDevice? device = null)
    {
        var manifest = ModelManifest.Load(folder);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        var used = (device ?? ExecutionDevice.Cpu).Configure(options);
        InferenceSession encoder = Open(manifest.EncoderPath, options);
        InferenceSession decoder;
        try
        {
            decoder = Open(manifest.DecoderPath, options);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
        var problems = SamContract.Check(manifest, encoder, decoder);
        if (problems.Count > 0)
        {
            encoder.Dispose();
            decoder.Dispose();
            throw new ModelContractException($"{manifest.Folder}: model does not meet the {manifest.Contract} contract: " + string.Join("; ", problems));
        }
        return new SamModel(manifest, encoder, decoder, used);
    }

    private static InferenceSession Open(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelContractException($"{path}: ONNX Runtime cannot load it: {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs the encoder on a batch of preprocessed images. The features stay in ONNX Runtime's
    /// memory for the decoder: the caller owns and disposes them.
    /// </summary>
    public ImageFeatures Encode(Tensor images)
    {
        string[] outputs = [Manifest.Embedding, .. Manifest.ExtraFeatures];
        using var input = OrtValue.CreateTensorValueFromMemory(images.Data, images.Shape);
        var values = Run(_encoder, Manifest.EncoderPath, [(Manifest.EncoderInput, input)], outputs);
        return new ImageFeatures(outputs, values, values);
    }

    /// <summary>
    /// Runs the decoder: features (batch B), point coordinates [B,N,2] in encoder-input pixels,
    /// labels [B,N], mask input [B,1,4h,4w] with its flags [B], the original size (H, W).
    /// Returns iou_predictions [B,K] and low_res_masks [B,K,4h,4w], copied into managed memory:
    /// arrays rented from <paramref name="outputPool"/> where given (the caller returns them), else new.
    /// </summary>
    public (Tensor Iou, Tensor LowRes) Decode(ImageFeatures features, Tensor coords, Tensor labels, Tensor maskInput, Tensor hasMaskInput, (int H, int W) originalSize, BufferPool<float>? outputPool = null)
    {
        var prompts = new (string Name, Tensor Value)[]
        {
            (SamContract.PointCoords, coords),
            (SamContract.PointLabels, labels),
            (SamContract.MaskInput, maskInput),
            (SamContract.HasMaskInput, hasMaskInput),
            (SamContract.OrigImSize, new Tensor([originalSize.H, originalSize.W], [2])),
        };
        var owned = prompts.Select(p => OrtValue.CreateTensorValueFromMemory(p.Value.Data, p.Value.Shape)).ToList();
        try
        {
            var inputs = features.Inputs.Concat(prompts.Select((p, i) => (p.Name, owned[i]))).ToList();
            using var outputs = Run(_decoder, Manifest.DecoderPath, inputs, [SamContract.IouPredictions, Manifest.LowResOutput]);
            return (ToTensor(outputs[0], outputPool), ToTensor(outputs[1], outputPool));
        }
        finally
        {
            foreach (var v in owned) v.Dispose();
        }
    }

    private static Tensor ToTensor(OrtValue value, BufferPool<float>? pool)
    {
        var source = value.GetTensorDataAsSpan<float>();
        var data = pool?.Rent(source.Length) ?? new float[source.Length];
        source.CopyTo(data);
        return new Tensor(data, value.GetTensorTypeAndShape().Shape);
    }

    // Errors name the ONNX file: ONNX Runtime's own message names only a node.
    private static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, string file, IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames)
    {
        try
        {
            using var runOptions = new RunOptions();
            return session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), outputNames.ToArray());
        }
        catch (OnnxRuntimeException e)
        {
            string shapes = string.Join(", ", inputs.Select(i => $"{i.Name} [{string.Join(",", i.Value.GetTensorTypeAndShape().Shape)}]"));
            throw new ModelContractException($"{file}: inference failed with inputs {shapes}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }
}
