using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
    private readonly DeviceMemory _memory;
    private readonly InputBuffers _encoderInputs;
    private readonly InputBuffers _decoderInputs;
    // One call at a time: the input buffers are reused by every call.
    private readonly Lock _gate = new();

    private SamModel(ModelManifest manifest, InferenceSession encoder, InferenceSession decoder, ExecutionDevice device, SessionSettings settings)
    {
        Manifest = manifest;
        Device = device;
        Settings = settings;
        _encoder = encoder;
        _decoder = decoder;
        _memory = DeviceMemory.For(device, encoder);
        _encoderInputs = new InputBuffers(encoder, _memory.Inputs);
        _decoderInputs = new InputBuffers(decoder, _memory.Inputs);
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

    /// <summary>I/O binding and CUDA provider options the sessions were made with.</summary>
    public SessionSettings Settings { get; }

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
    /// <param name="settings">I/O binding and CUDA provider options (<see cref="SessionSettings.Default"/> when null).</param>
    public static SamModel Load(string folder, int intraOpThreads = 0, ExecutionDevice? device = null, SessionSettings? settings = null)
    {
        var manifest = ModelManifest.Load(folder);
        settings ??= SessionSettings.Default;
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        var used = (device ?? ExecutionDevice.Cpu).Configure(options, settings);
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
        return new SamModel(manifest, encoder, decoder, used, settings);
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
    /// memory for the decoder (on the GPU with I/O binding on CUDA): the caller owns and disposes them.
    /// </summary>
    public ImageFeatures Encode(Tensor images)
    {
        string[] outputs = [Manifest.Embedding, .. Manifest.ExtraFeatures];
        lock (_gate)
        {
            using var input = _encoderInputs.Write(Manifest.EncoderInput, images);
            var values = Run(_encoder, Manifest.EncoderPath, [(Manifest.EncoderInput, input)], outputs, _memory.Features);
            return new ImageFeatures(outputs, values, values);
        }
    }

    /// <summary>
    /// Runs the decoder: features (batch B), point coordinates [B,N,2] in encoder-input pixels,
    /// labels [B,N], mask input [B,1,4h,4w] with its flags [B], the original size (H, W).
    /// Returns iou_predictions [B,K] and low_res_masks [B,K,4h,4w], copied into managed memory
    /// (float32 whatever the model's tensor type): arrays rented from <paramref name="outputPool"/>
    /// where given (the caller returns them), else new.
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
        lock (_gate)
        {
            var owned = new List<OrtValue>(prompts.Length);
            try
            {
                foreach (var p in prompts) owned.Add(_decoderInputs.Write(p.Name, p.Value));
                var inputs = features.Inputs.Concat(prompts.Select((p, i) => (p.Name, owned[i]))).ToList();
                // The decoder's outputs are read on the host: bound to CPU memory.
                using var outputs = Run(_decoder, Manifest.DecoderPath, inputs, [SamContract.IouPredictions, Manifest.LowResOutput], OrtMemoryInfo.DefaultInstance);
                return (ToTensor(outputs[0], outputPool), ToTensor(outputs[1], outputPool));
            }
            finally
            {
                foreach (var v in owned) v.Dispose();
            }
        }
    }

    private static Tensor ToTensor(OrtValue value, BufferPool<float>? pool)
    {
        var info = value.GetTensorTypeAndShape();
        var data = pool?.Rent((int)info.ElementCount) ?? new float[info.ElementCount];
        if (info.ElementDataType == TensorElementType.Float16)
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>()), data);
        else
            value.GetTensorDataAsSpan<float>().CopyTo(data);
        return new Tensor(data, info.Shape);
    }

    // Errors name the ONNX file: ONNX Runtime's own message names only a node. With I/O binding
    // the outputs are bound to outputMemory (the device's, for features that stay there).
    private IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, string file, IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, OrtMemoryInfo outputMemory)
    {
        try
        {
            using var runOptions = new RunOptions();
            if (!Settings.IoBinding)
                return session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), outputNames.ToArray());
            using var binding = session.CreateIoBinding();
            foreach (var (name, value) in inputs) binding.BindInput(name, value);
            foreach (string name in outputNames) binding.BindOutputToDevice(name, outputMemory);
            session.RunWithBinding(runOptions, binding);
            return binding.GetOutputValues();
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
        _encoderInputs.Dispose();
        _decoderInputs.Dispose();
        _memory.Dispose();
        _encoder.Dispose();
        _decoder.Dispose();
    }
}
