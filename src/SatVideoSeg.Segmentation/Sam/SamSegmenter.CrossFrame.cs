using System.Diagnostics;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Segmentation.Sam;

// Crop mode's batching, across frames: one queue of crops in frame and prompt order, cut into
// model calls of EffectiveBatchSize whatever frame each crop comes from. Segment (one frame) runs
// the same code with a single frame, so a frame's batches are the same either way.
public sealed partial class SamSegmenter
{
    /// <summary>Crops per model call so far: how full the calls were.</summary>
    public BatchFill Calls { get; } = new();

    /// <inheritdoc />
    public bool BatchesAcrossFrames => !Options.WholeFrame && !Options.NegativePoints && !Options.MaskFeedback && _model.EncoderBatchable && _model.DecoderBatchable;

    /// <inheritdoc />
    public IEnumerable<(PromptedFrame Input, IReadOnlyList<SegmentedObject> Objects)> SegmentFrames(IEnumerable<PromptedFrame> frames, LookAhead ahead, CancellationToken cancellationToken = default)
    {
        if (BatchesAcrossFrames) return SegmentFramesInBatches(frames, ahead, cancellationToken);
        return frames.Select(f => (f, Segment(f.Frame, f.Prompts, cancellationToken)));
    }

    private IEnumerable<(PromptedFrame Input, IReadOnlyList<SegmentedObject> Objects)> SegmentFramesInBatches(IEnumerable<PromptedFrame> frames, LookAhead ahead, CancellationToken cancellationToken)
    {
        var held = new Queue<HeldFrame>(); // read, not yet returned, in order
        var pending = new Queue<PendingCrop>(); // not yet through the model, in frame and prompt order
        long heldBytes = 0;
        using var input = frames.GetEnumerator();
        bool more = true;
        while (more || held.Count > 0)
        {
            // Read frames until their crops fill a call, the input ends or the bound is reached.
            while (more && pending.Count < EffectiveBatchSize && ahead.Admits(held.Count, heldBytes) && (more = input.MoveNext()))
            {
                var frame = new HeldFrame(input.Current);
                held.Enqueue(frame);
                heldBytes += frame.Input.Frame.Pixels.Length;
                for (int i = 0; i < frame.Results.Length; i++) pending.Enqueue(new PendingCrop(frame, i));
            }
            if (pending.Count > 0) RunBatch(Take(pending, EffectiveBatchSize), cancellationToken);
            while (held.Count > 0 && held.Peek().Left == 0)
            {
                var done = held.Dequeue();
                heldBytes -= done.Input.Frame.Pixels.Length;
                yield return (done.Input, done.Results);
            }
        }
    }

    // One encoder + decoder call over crops of one or more frames, pasted into their frames' results.
    private void RunBatch(PendingCrop[] crops, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long start = Stopwatch.GetTimestamp();
        using var batch = PrepareBatch(crops);
        long prepared = Stopwatch.GetTimestamp();
        (Tensor Iou, Tensor LowRes) output;
        try
        {
            output = Infer(batch);
        }
        catch (ModelContractException e) when (Options.BatchSize == 0 && OutOfMemoryErrors.Find(e) is { } oom
            && Tuner.EndSearchOnOutOfMemory(crops.Length, OutOfMemoryErrors.FirstLine(oom)))
        {
            // The search tried one size too many: this call again at the size that fit (same masks).
            _timer?.Add("model", Stopwatch.GetElapsedTime(prepared));
            Console.Error.WriteLine(Tuner.OutOfMemory!.Note);
            batch.Dispose();
            foreach (var part in crops.Chunk(Tuner.Current)) RunBatch(part, cancellationToken);
            return;
        }
        long inferred = Stopwatch.GetTimestamp();
        for (int i = 0; i < crops.Length; i++)
        {
            var (frame, index) = (crops[i].Frame, crops[i].Index);
            frame.Results[index] = PasteOne(batch, output, i, frame.Input.Frame);
            frame.Left--;
        }
        _tensors.Return(output.Iou.Data);
        _tensors.Return(output.LowRes.Data);
        long pasted = Stopwatch.GetTimestamp();
        // The resident memory after the call: ONNX Runtime's arena keeps what the call needed.
        if (Options.BatchSize == 0 && !Tuner.Settled) Tuner.Record(crops.Length, Stopwatch.GetElapsedTime(prepared, inferred).TotalSeconds, Environment.WorkingSet);
        Calls.Add(crops.Length);
        _timer?.Add("crop", Stopwatch.GetElapsedTime(start, prepared));
        _timer?.Add("model", Stopwatch.GetElapsedTime(prepared, inferred));
        _timer?.Add("paste", Stopwatch.GetElapsedTime(inferred, pasted));
    }

    // The crops of a call, each cut from its own frame (pinned once per run of crops from the same frame).
    private CropBatch PrepareBatch(PendingCrop[] crops)
    {
        var images = _tensors.Rent(crops.Length * _preprocessor.ImageSize);
        var written = new (Cropping.CropWindow Window, PromptPoints Points)[crops.Length];
        PinnedMat? pinned = null;
        try
        {
            for (int i = 0; i < crops.Length; i++)
            {
                var frame = crops[i].Frame.Input.Frame;
                if (i == 0 || crops[i - 1].Frame != crops[i].Frame)
                {
                    pinned?.Dispose();
                    pinned = PinnedMat.Of(frame);
                }
                written[i] = WriteCrop(pinned!, frame, crops[i].Prompt, images.AsSpan(i * _preprocessor.ImageSize, _preprocessor.ImageSize));
            }
        }
        finally
        {
            pinned?.Dispose();
        }
        return NewBatch(0, [.. crops.Select(c => c.Prompt)], written, images);
    }

    private static PendingCrop[] Take(Queue<PendingCrop> pending, int count)
    {
        var taken = new PendingCrop[Math.Min(count, pending.Count)];
        for (int i = 0; i < taken.Length; i++) taken[i] = pending.Dequeue();
        return taken;
    }

    // A frame read for segmenting: its results fill in as its crops come back from the model.
    private sealed class HeldFrame(PromptedFrame input)
    {
        public PromptedFrame Input { get; } = input;
        public SegmentedObject[] Results { get; } = new SegmentedObject[input.Prompts.Count];
        public int Left { get; set; } = input.Prompts.Count;
    }

    private readonly record struct PendingCrop(HeldFrame Frame, int Index)
    {
        public ObjectPrompt Prompt => Frame.Input.Prompts[Index];
    }
}
