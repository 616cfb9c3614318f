using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The encoder and decoder ONNX Runtime sessions of one SAM-family model, checked against the
/// contract when loaded. Owns both sessions; dispose to release them.
/// </summary>
public sealed class SamModel : IDisposable
{
    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;

    private SamModel(ModelManifest manifest, InferenceSession encoder, InferenceSession decoder)
    {
        Manifest = manifest;
        _encoder = encoder;
        _decoder = decoder;
        var image = encoder.InputMetadata[manifest.EncoderInput];
        EncoderTakesNormalizedBatch = image.Dimensions.Length == 4;
        EncoderBatchable = EncoderTakesNormalizedBatch && image.Dimensions[0] != 1;
        DecoderBatchable = decoder.InputMetadata[manifest.Embedding].Dimensions[0] != 1 && manifest.BatchAxis;
    }

    /// <summary>The manifest the model was loaded from.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>True for encoders taking [B,3,S,S] normalised input; false for [H,W,3] 0-255 input.</summary>
    public bool EncoderTakesNormalizedBatch { get; }

    /// <summary>Whether the encoder accepts several images per call.</summary>
    public bool EncoderBatchable { get; }

    /// <summary>Whether the decoder accepts several embeddings and prompts per call.</summary>
    public bool DecoderBatchable { get; }

    /// <summary>Loads a model folder; every contract mismatch is named in one error.</summary>
    /// <param name="folder">Folder holding model.json.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads (0 = its default, one per core).</param>
    /// <param name="device">Execution device (CPU when null).</param>
    public static SamModel Load(string folder, int intraOpThreads = 0, ExecutionDevice? device = null)
    {
        var manifest = ModelManifest.Load(folder);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        (device ?? ExecutionDevice.Cpu).Configure(options);
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
        return new SamModel(manifest, encoder, decoder);
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

    /// <summary>Runs the encoder on a batch of preprocessed images; returns image_embeddings and the extra features by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Encode(Tensor images)
    {
        string[] outputs = [Manifest.Embedding, .. Manifest.ExtraFeatures];
        return Run(_encoder, [(Manifest.EncoderInput, images)], outputs);
    }

    /// <summary>
    /// Runs the decoder: features (batch B), point coordinates [B,N,2] in encoder-input pixels,
    /// labels [B,N], mask input [B,1,4h,4w] with its flags [B], the original size (H, W).
    /// Returns iou_predictions [B,K] and low_res_masks [B,K,4h,4w].
    /// </summary>
    public (Tensor Iou, Tensor LowRes) Decode(IReadOnlyDictionary<string, Tensor> features, Tensor coords, Tensor labels, Tensor maskInput, Tensor hasMaskInput, (int H, int W) originalSize)
    {
        var inputs = new List<(string, Tensor)>();
        foreach (var name in (string[])[Manifest.Embedding, .. Manifest.ExtraFeatures]) inputs.Add((name, features[name]));
        inputs.Add((SamContract.PointCoords, coords));
        inputs.Add((SamContract.PointLabels, labels));
        inputs.Add((SamContract.MaskInput, maskInput));
        inputs.Add((SamContract.HasMaskInput, hasMaskInput));
        inputs.Add((SamContract.OrigImSize, new Tensor([originalSize.H, originalSize.W], [2])));
        var result = Run(_decoder, inputs, [SamContract.IouPredictions, Manifest.LowResOutput]);
        return (result[SamContract.IouPredictions], result[Manifest.LowResOutput]);
    }

    private static Dictionary<string, Tensor> Run(InferenceSession session, IReadOnlyList<(string Name, Tensor Value)> inputs, IReadOnlyList<string> outputNames)
    {
        var values = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var (_, t) in inputs) values.Add(OrtValue.CreateTensorValueFromMemory(t.Data, t.Shape));
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, outputNames);
            var result = new Dictionary<string, Tensor>();
            for (int i = 0; i < outputNames.Count; i++)
            {
                var shape = outputs[i].GetTensorTypeAndShape().Shape;
                result[outputNames[i]] = new Tensor(outputs[i].GetTensorDataAsSpan<float>().ToArray(), shape);
            }
            return result;
        }
        catch (OnnxRuntimeException e)
        {
            string shapes = string.Join(", ", inputs.Select(i => $"{i.Name} {i.Value.ShapeText}"));
            throw new ModelContractException($"inference failed with inputs {shapes}: {e.Message}", e);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }
}
