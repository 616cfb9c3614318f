using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Segmentation.Baselines;

/// <summary>
/// The baseline every segmenter must beat: the mask is the box itself (pixels whose centres lie
/// inside it). On iSAID P0003 with tight boxes this scores mean IoU 0.695.
/// </summary>
public sealed class BoxSegmenter : ISegmenter
{
    /// <inheritdoc />
    public string Name => "box";

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default) =>
        prompts.Select(p => new SegmentedObject(p, BitMask.FromBox(p.Box, frame.Width, frame.Height), 1.0, 1.0)).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
