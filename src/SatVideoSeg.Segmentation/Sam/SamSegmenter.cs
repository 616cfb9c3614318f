using System.Diagnostics;
using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.OpenCv;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Segments box prompts with a SAM-family ONNX model. In crop mode (ROS-SAM) each object gets a
/// square crop centred on its box, upsampled to the encoder size, one object per inference; crops
/// go through the encoder and decoder in batches where the model has a batch axis (same results
/// as one by one), of one frame (<see cref="Segment"/>) or of several
/// (<see cref="SegmentFrames"/>, in SamSegmenter.CrossFrame.cs). In whole-frame mode the frame is
/// encoded once and every prompt reuses the embedding. Masks are taken from low_res_masks
/// resampled straight into the frame.
/// </summary>
public sealed partial class SamSegmenter : ICrossFrameSegmenter
{
    private readonly SamModel _model;
    private readonly bool _ownsModel;
    private readonly ImagePreprocessor _preprocessor;
    // Crop images, mask inputs and decoder outputs: the same few sizes every frame, so rented, not allocated.
    private readonly BufferPool<float> _tensors = new();
    private readonly StageTimer? _timer;

    /// <summary>Runs <paramref name="model"/> with <paramref name="options"/>; disposing the segmenter disposes the model when <paramref name="ownsModel"/>.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="ownsModel">Dispose the model with the segmenter.</param>
    /// <param name="timer">Where crop mode adds its "crop", "model" and "paste" seconds (none when null).</param>
    public SamSegmenter(SamModel model, SamOptions options, bool ownsModel = true, StageTimer? timer = null)
    {
        _model = model;
        _ownsModel = ownsModel;
        _timer = timer;
        Options = options;
        _preprocessor = new ImagePreprocessor(model.Manifest, options.Bicubic);
        Tuner = new BatchSizeTuner(MemoryBudget.ForThisProcess(), BatchSizeTuner.MaxFor(model.Device));
        // Loads OpenCV's native library (and the ~70 GTK/X11 libraries it links) now, on the thread
        // that loads the model while FFmpeg starts, instead of at the first crop: 0.15 s of a fresh
        // `segment`, measured with strace on the 90-frame sample (README, "Startup").
        using var _ = new OpenCvSharp.Mat(1, 1, OpenCvSharp.MatType.CV_8UC3);
    }

    /// <summary>The settings in use.</summary>
    public SamOptions Options { get; }

    /// <summary>Measures and picks the batch size when <see cref="SamOptions.BatchSize"/> is 0 (automatic).</summary>
    public BatchSizeTuner Tuner { get; }

    /// <inheritdoc />
    public string Name => $"sam:{_model.Manifest.Name}:{Options.Describe()}";

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default)
    {
        if (prompts.Count == 0) return [];
        var results = Options.WholeFrame ? SegmentWholeFrame(frame, prompts) : SegmentCrops(frame, prompts, cancellationToken);
        return Options.NegativePoints ? NegativePointRefiner.Refine(frame, prompts, results, p => SegmentCrops(frame, p, cancellationToken)) : results;
    }

    // A frame's crops in batches of EffectiveBatchSize, in prompt order: the cross-frame path given one frame.
    private SegmentedObject[] SegmentCrops(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken) =>
        [.. SegmentFramesInBatches([new PromptedFrame(frame, prompts)], LookAhead.Default, cancellationToken).Single().Objects];

    /// <summary>Crop batch size in use: 1 where the model has no batch axis, else the option, or the tuner's choice when it is 0 (automatic).</summary>
    public int EffectiveBatchSize => !(_model.EncoderBatchable && _model.DecoderBatchable) ? 1 : Options.BatchSize > 0 ? Options.BatchSize : Tuner.Current;

    /// <summary>
    /// Step 1 of crop mode: cuts, resizes and normalises the crops of a frame's prompts, in
    /// batches of <see cref="EffectiveBatchSize"/>. (Public so benchmarks can time the model alone.)
    /// Dispose each batch after <see cref="Infer"/> to recycle its image buffer.
    /// </summary>
    public IEnumerable<CropBatch> PrepareCrops(Frame frame, IReadOnlyList<ObjectPrompt> prompts)
    {
        int batch = EffectiveBatchSize;
        using var pinned = PinnedMat.Of(frame);
        for (int start = 0; start < prompts.Count; start += batch)
        {
            int n = Math.Min(batch, prompts.Count - start);
            var batchPrompts = prompts.Skip(start).Take(n).ToArray();
            var images = _tensors.Rent(n * _preprocessor.ImageSize);
            var crops = batchPrompts.Select((p, i) => WriteCrop(pinned, frame, p, images.AsSpan(i * _preprocessor.ImageSize, _preprocessor.ImageSize))).ToArray();
            yield return NewBatch(start, batchPrompts, crops, images);
        }
    }

    // Cuts, resizes and normalises one prompt's crop into image; returns its window and decoder points.
    private (CropWindow Window, PromptPoints Points) WriteCrop(PinnedMat pinned, Frame frame, ObjectPrompt prompt, Span<float> image)
    {
        int s = _model.Manifest.InputSize;
        var window = Options.Crop.WindowFor(prompt.Box, frame.Width, frame.Height, s);
        _preprocessor.WriteCrop(pinned.Mat, window, image);
        var points = PromptPoints.ForCrop(prompt, window, s);
        // The track's last low-res logits as SAM's mask_input: where they were in the frame
        // (feedback), or moved with the crop, which follows the object (memory).
        if (prompt.Memory is { } previous)
        {
            if (Options.MaskFeedback) points.MaskInput = previous.ResampleTo(window.Rect);
            else if (Options.MaskMemory && prompt.Source == PromptSource.Predicted) points.MaskInput = previous.FollowedTo(window.Rect);
        }
        return (window, points);
    }

    private CropBatch NewBatch(int start, ObjectPrompt[] prompts, (CropWindow Window, PromptPoints Points)[] crops, float[] images)
    {
        int s = _model.Manifest.InputSize;
        return new CropBatch(start, prompts, crops.Select(c => c.Window).ToArray(), new Tensor(images, [prompts.Length, 3, s, s]), crops.Select(c => c.Points).ToArray()) { ImagePool = _tensors };
    }

    /// <summary>Step 2 of crop mode: the encoder and decoder on one batch (the model's time alone). The outputs' arrays come from the segmenter's pool; segmenting returns them after pasting, other callers may simply drop them.</summary>
    public (Tensor Iou, Tensor LowRes) Infer(CropBatch batch)
    {
        using var features = _model.Encode(batch.Images);
        return DecodeAll(features, batch.Points, (batch.Windows[0].Side, batch.Windows[0].Side));
    }

    /// <summary>Step 3 of crop mode: resamples each crop's low-res logits into the frame.</summary>
    public void Paste(CropBatch batch, (Tensor Iou, Tensor LowRes) output, Frame frame, SegmentedObject[] results)
    {
        for (int i = 0; i < batch.Windows.Length; i++) results[batch.Start + i] = PasteOne(batch, output, i, frame);
    }

    // The mask of a batch's crop i, resampled into its frame.
    private SegmentedObject PasteOne(CropBatch batch, (Tensor Iou, Tensor LowRes) output, int i, Frame frame)
    {
        int size = (int)output.LowRes.Shape[^1];
        var w = batch.Windows[i];
        var sampler = new LogitSampler(w.X, w.Y, (double)size / w.Side, (double)size / w.Side);
        var segmented = ToObject(batch.Prompts[i], output.Iou, output.LowRes, i, sampler, w.InsideFrame(frame.Width, frame.Height), frame);
        if (!Options.MaskFeedback && !Options.MaskMemory) return segmented;
        int k = (int)output.LowRes.Shape[1];
        var logits = output.LowRes.Data.AsSpan(i * k * size * size, size * size).ToArray();
        return segmented with { Memory = new MaskLogits(logits, size, w.Rect) };
    }

    private SegmentedObject[] SegmentWholeFrame(Frame frame, IReadOnlyList<ObjectPrompt> prompts)
    {
        int s = _model.Manifest.InputSize;
        var image = _tensors.Rent(_preprocessor.ImageSize);
        var transform = _preprocessor.WriteWholeFrame(frame, image);
        using var features = _model.Encode(new Tensor(image, [1, 3, s, s]));
        _tensors.Return(image);
        var results = new SegmentedObject[prompts.Count];
        for (int i = 0; i < prompts.Count; i++)
        {
            var points = PromptPoints.ForWholeFrame(prompts[i], transform);
            var (iou, lowRes) = DecodeAll(features, [points], (frame.Height, frame.Width));
            int size = (int)lowRes.Shape[^1];
            var sampler = new LogitSampler(0, 0, transform.ScaleX * size / s, transform.ScaleY * size / s);
            // Look for the mask around the box (it can reach past a loose or tight box), not over the whole frame.
            var box = prompts[i].Box;
            double margin = Math.Max(box.Width, box.Height);
            var window = new BoxXyxy(box.X0 - margin, box.Y0 - margin, box.X1 + margin, box.Y1 + margin).ToPixelRect()
                .Intersect(new PixelRect(0, 0, frame.Width, frame.Height));
            results[i] = ToObject(prompts[i], iou, lowRes, 0, sampler, window, frame);
            _tensors.Return(iou.Data);
            _tensors.Return(lowRes.Data);
        }
        return results;
    }

    // Decodes every prompt of a batch in one call. Batches of more than one crop exist only where
    // the decoder has a batch axis (EffectiveBatchSize), and whole-frame mode decodes one prompt at a time.
    private (Tensor Iou, Tensor LowRes) DecodeAll(ImageFeatures features, PromptPoints[] prompts, (int H, int W) originalSize)
    {
        int maskH = 4 * (int)features.EmbeddingShape[2];
        int maskW = 4 * (int)features.EmbeddingShape[3];
        int b = prompts.Length, n = prompts.Max(p => p.Count);
        if (_model.SelectsMaskByPointCount) n = Math.Max(n, 3);
        var coords = new float[b * n * 2];
        var labels = new float[b * n];
        for (int i = 0; i < b; i++) prompts[i].WriteTo(coords.AsSpan(i * n * 2, n * 2), labels.AsSpan(i * n, n), _model.Manifest.PaddingLabel);
        var maskInput = new Tensor(_tensors.Rent(b * maskH * maskW), [b, 1, maskH, maskW]);
        maskInput.Data.AsSpan().Clear();
        var hasMask = new Tensor(new float[b], [b]);
        for (int i = 0; i < b; i++)
        {
            if (prompts[i].MaskInput is not float[] previous || previous.Length != maskH * maskW) continue;
            previous.CopyTo(maskInput.Data, i * maskH * maskW);
            hasMask.Data[i] = 1;
        }
        try
        {
            return _model.Decode(features, new Tensor(coords, [b, n, 2]), new Tensor(labels, [b, n]), maskInput, hasMask, originalSize, _tensors);
        }
        finally
        {
            _tensors.Return(maskInput.Data);
        }
    }

    private SegmentedObject ToObject(ObjectPrompt prompt, Tensor iou, Tensor lowRes, int item, LogitSampler sampler, PixelRect window, Frame frame)
    {
        // K = 1 (return_single_mask) or 4 with index 0 the single-mask output (FORMATS.md §1).
        int k = (int)lowRes.Shape[1];
        int h = (int)lowRes.Shape[2], w = (int)lowRes.Shape[3];
        var logits = lowRes.Data.AsSpan((item * k) * h * w, h * w);
        var (mask, stability) = sampler.Sample(logits, w, window, frame.Width, frame.Height, _model.Manifest.MaskThreshold);
        return new SegmentedObject(prompt, mask, iou.Data[item * (int)iou.Shape[1]], stability);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
    }
}
