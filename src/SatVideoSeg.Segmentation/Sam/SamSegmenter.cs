using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Segments box prompts with a SAM-family ONNX model. In crop mode (ROS-SAM) each object gets a
/// square crop centred on its box, upsampled to the encoder size, one object per inference; crops
/// of a frame go through the encoder and decoder in batches where the model has a batch axis
/// (same results as one by one). In whole-frame mode the frame is encoded once and every prompt
/// reuses the embedding. Masks are taken from low_res_masks resampled straight into the frame.
/// </summary>
public sealed class SamSegmenter : ISegmenter
{
    private readonly SamModel _model;
    private readonly bool _ownsModel;
    private readonly ImagePreprocessor _preprocessor;

    /// <summary>Runs <paramref name="model"/> with <paramref name="options"/>; disposing the segmenter disposes the model when <paramref name="ownsModel"/>.</summary>
    public SamSegmenter(SamModel model, SamOptions options, bool ownsModel = true)
    {
        _model = model;
        _ownsModel = ownsModel;
        Options = options;
        _preprocessor = new ImagePreprocessor(model.Manifest, options.Bicubic);
    }

    /// <summary>The settings in use.</summary>
    public SamOptions Options { get; }

    /// <inheritdoc />
    public string Name => $"sam:{_model.Manifest.Name}:{Options.Describe()}";

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default)
    {
        if (prompts.Count == 0) return [];
        var results = Options.WholeFrame ? SegmentWholeFrame(frame, prompts) : SegmentCrops(frame, prompts, cancellationToken);
        return Options.NegativePoints ? NegativePointRefiner.Refine(frame, prompts, results, p => SegmentCrops(frame, p, cancellationToken)) : results;
    }

    private SegmentedObject[] SegmentCrops(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken)
    {
        var results = new SegmentedObject[prompts.Count];
        foreach (var batch in PrepareCrops(frame, prompts))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Paste(batch, Infer(batch), frame, results);
        }
        return results;
    }

    /// <summary>Crop batch size in use: the option where the model has a batch axis, else 1.</summary>
    public int EffectiveBatchSize => _model.EncoderBatchable && _model.DecoderBatchable ? Math.Max(1, Options.BatchSize) : 1;

    /// <summary>
    /// Step 1 of crop mode: cuts, resizes and normalises the crops of a frame's prompts, in
    /// batches of <see cref="EffectiveBatchSize"/>. (Public so benchmarks can time the model alone.)
    /// </summary>
    public IEnumerable<CropBatch> PrepareCrops(Frame frame, IReadOnlyList<ObjectPrompt> prompts)
    {
        int s = _model.Manifest.InputSize;
        int batch = EffectiveBatchSize;
        using var pinned = Video.Rendering.PinnedMat.Of(frame);
        for (int start = 0; start < prompts.Count; start += batch)
        {
            int n = Math.Min(batch, prompts.Count - start);
            var windows = new CropWindow[n];
            var images = new float[n * _preprocessor.ImageSize];
            for (int i = 0; i < n; i++)
            {
                windows[i] = Options.Crop.WindowFor(prompts[start + i].Box, frame.Width, frame.Height, s);
                _preprocessor.WriteCrop(pinned.Mat, windows[i], images.AsSpan(i * _preprocessor.ImageSize, _preprocessor.ImageSize));
            }
            var points = Enumerable.Range(0, n).Select(i => PromptPoints.ForCrop(prompts[start + i], windows[i], s)).ToArray();
            if (Options.MaskFeedback)
            {
                // The track's last low-res logits, moved into this crop's grid, as SAM's mask_input.
                for (int i = 0; i < n; i++)
                    if (prompts[start + i].Memory is CropLogits previous) points[i].MaskInput = previous.ResampleTo(windows[i]);
            }
            yield return new CropBatch(start, prompts.Skip(start).Take(n).ToArray(), windows, new Tensor(images, [n, 3, s, s]), points);
        }
    }

    /// <summary>Step 2 of crop mode: the encoder and decoder on one batch (the model's time alone).</summary>
    public (Tensor Iou, Tensor LowRes) Infer(CropBatch batch)
    {
        var features = _model.Encode(batch.Images);
        return DecodeAll(features, batch.Points, (batch.Windows[0].Side, batch.Windows[0].Side));
    }

    /// <summary>Step 3 of crop mode: resamples each crop's low-res logits into the frame.</summary>
    public void Paste(CropBatch batch, (Tensor Iou, Tensor LowRes) output, Frame frame, SegmentedObject[] results)
    {
        int size = (int)output.LowRes.Shape[^1];
        for (int i = 0; i < batch.Windows.Length; i++)
        {
            var w = batch.Windows[i];
            var sampler = new LogitSampler(w.X, w.Y, (double)size / w.Side, (double)size / w.Side);
            var segmented = ToObject(batch.Prompts[i], output.Iou, output.LowRes, i, sampler, w.InsideFrame(frame.Width, frame.Height), frame);
            if (Options.MaskFeedback)
            {
                int k = (int)output.LowRes.Shape[1];
                var logits = output.LowRes.Data.AsSpan(i * k * size * size, size * size).ToArray();
                segmented = segmented with { Memory = new CropLogits(logits, size, w) };
            }
            results[batch.Start + i] = segmented;
        }
    }

    private SegmentedObject[] SegmentWholeFrame(Frame frame, IReadOnlyList<ObjectPrompt> prompts)
    {
        int s = _model.Manifest.InputSize;
        var image = new float[_preprocessor.ImageSize];
        var transform = _preprocessor.WriteWholeFrame(frame, image);
        var features = _model.Encode(new Tensor(image, [1, 3, s, s]));
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
        }
        return results;
    }

    // Decodes every prompt of a batch: in one call where the decoder is batched, else one by one.
    private (Tensor Iou, Tensor LowRes) DecodeAll(IReadOnlyDictionary<string, Tensor> features, PromptPoints[] prompts, (int H, int W) originalSize)
    {
        var embedding = features[_model.Manifest.Embedding];
        int maskSide = 4 * (int)embedding.Shape[2];
        int maskWidth = 4 * (int)embedding.Shape[3];
        int batchItems = (int)embedding.Shape[0];
        if (_model.DecoderBatchable || prompts.Length == 1)
            return DecodeBatch(features, prompts, maskSide, maskWidth, originalSize);
        var ious = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int i = 0; i < prompts.Length; i++)
        {
            var one = batchItems == 1 ? features : features.ToDictionary(kv => kv.Key, kv => kv.Value.Slice(i, 1));
            var (iou, low) = DecodeBatch(one, [prompts[i]], maskSide, maskWidth, originalSize);
            ious.Add(iou);
            masks.Add(low);
        }
        return (Concat(ious), Concat(masks));
    }

    private (Tensor Iou, Tensor LowRes) DecodeBatch(IReadOnlyDictionary<string, Tensor> features, PromptPoints[] prompts, int maskH, int maskW, (int H, int W) originalSize)
    {
        int b = prompts.Length, n = prompts.Max(p => p.Count);
        var coords = new float[b * n * 2];
        var labels = new float[b * n];
        for (int i = 0; i < b; i++) prompts[i].WriteTo(coords.AsSpan(i * n * 2, n * 2), labels.AsSpan(i * n, n));
        var maskInput = new Tensor(new float[b * maskH * maskW], [b, 1, maskH, maskW]);
        var hasMask = new Tensor(new float[b], [b]);
        for (int i = 0; i < b; i++)
        {
            if (prompts[i].MaskInput is not float[] previous || previous.Length != maskH * maskW) continue;
            previous.CopyTo(maskInput.Data, i * maskH * maskW);
            hasMask.Data[i] = 1;
        }
        return _model.Decode(features, new Tensor(coords, [b, n, 2]), new Tensor(labels, [b, n]), maskInput, hasMask, originalSize);
    }

    private static Tensor Concat(List<Tensor> parts)
    {
        var shape = (long[])parts[0].Shape.Clone();
        shape[0] = parts.Sum(p => p.Shape[0]);
        return new Tensor(parts.SelectMany(p => p.Data).ToArray(), shape);
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
