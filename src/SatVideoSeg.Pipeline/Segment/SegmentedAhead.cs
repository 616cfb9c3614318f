using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>A frame's masks segmented ahead of its turn (<see cref="CrossFrameBatching"/>), with the prompts they were segmented for.</summary>
/// <param name="Prompts">The prompts read ahead (none: the frame was left to its turn, e.g. for the journal to replay).</param>
/// <param name="Objects">One object per prompt, in prompt order.</param>
public sealed record SegmentedAhead(IReadOnlyList<ObjectPrompt> Prompts, IReadOnlyList<SegmentedObject> Objects)
{
    /// <summary>
    /// The masks for the prompts the frame's turn gives, each object carrying its prompt as given
    /// then (with the track's mask memory, which the segmenter does not read for an annotated
    /// prompt); null where nothing was segmented ahead. Prompts that differ from those read ahead
    /// in what the segmenter reads are a programming error (the look-ahead would have segmented
    /// the wrong boxes), reported, not papered over.
    /// </summary>
    public IReadOnlyList<SegmentedObject>? For(int frameIndex, IReadOnlyList<ObjectPrompt> prompts)
    {
        if (Prompts.Count == 0) return null;
        if (prompts.Count != Prompts.Count || prompts.Where((p, i) => !SameCrop(p, Prompts[i])).Any())
            throw new InvalidOperationException($"frame {frameIndex + 1}: {prompts.Count} prompts, but {Prompts.Count} other ones were segmented ahead of it (cross-frame batching read the prompts wrongly)");
        return [.. Objects.Select((o, i) => o with { Prompt = prompts[i] })];
    }

    // What a crop-mode segmenter reads of an annotated prompt (its mask memory aside).
    private static bool SameCrop(ObjectPrompt a, ObjectPrompt b) =>
        a.Box == b.Box && a.Source == b.Source && a.Oriented == b.Oriented
        && a.PositivePoints.SequenceEqual(b.PositivePoints) && a.NegativePoints.SequenceEqual(b.NegativePoints);
}
