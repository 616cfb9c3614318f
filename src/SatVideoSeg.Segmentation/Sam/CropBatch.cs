using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Preprocessed crops of consecutive prompts of one frame, ready for the encoder. Disposing it
/// returns <see cref="Images"/> to the pool it was rented from; the images are invalid after that.
/// </summary>
/// <param name="Start">Index of the first prompt in the frame's prompt list.</param>
/// <param name="Prompts">The prompts.</param>
/// <param name="Windows">Each prompt's crop window in the frame.</param>
/// <param name="Images">The crops as [n,3,S,S] normalised input.</param>
/// <param name="Points">Each prompt's decoder points in encoder-input pixels.</param>
public sealed record CropBatch(int Start, IReadOnlyList<ObjectPrompt> Prompts, CropWindow[] Windows, Tensor Images, PromptPoints[] Points) : IDisposable
{
    /// <summary>The pool <see cref="Images"/> was rented from, if any.</summary>
    internal BufferPool<float>? ImagePool { get; init; }

    private int _disposed;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) ImagePool?.Return(Images.Data);
    }
}
