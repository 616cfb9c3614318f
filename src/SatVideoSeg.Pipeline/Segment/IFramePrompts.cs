using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Where <see cref="FrameSegmenter"/>'s prompts come from and how its masks become the frame's
/// objects: <see cref="TrackedPromptSource"/> for `segment` (schedules, predictions, the linker),
/// the benchmark's boxes for `convert` (every box, ids as given, no linking).
/// </summary>
public interface IFramePrompts
{
    /// <summary>The prompts of a frame (a tracked source first ends the tracks the frame shows gone).</summary>
    IReadOnlyList<ObjectPrompt> PromptsFor(Frame frame);

    /// <summary>The frame's (overlap-resolved) masks as its objects, with their track ids.</summary>
    IReadOnlyList<SegmentedObject> Link(int frameIndex, IReadOnlyList<SegmentedObject> resolved);

    /// <summary>Ids of the tracks lost (alive, re-linkable, without a mask) after the last <see cref="Link"/>; none where nothing is linked.</summary>
    IEnumerable<int> LostTrackIds { get; }

    /// <summary>The live tracks' mask memory by track id after the last <see cref="Link"/> (tracks without memory left out).</summary>
    IReadOnlyDictionary<int, MaskLogits> TrackMemory { get; }

    /// <summary>Sets the live tracks' mask memory (a resumed run, after a frame replayed from the journal: its masks carry none).</summary>
    void RestoreTrackMemory(IReadOnlyDictionary<int, MaskLogits> memory);
}
