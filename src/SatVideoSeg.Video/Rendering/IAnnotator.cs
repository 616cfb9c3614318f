using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Video.Rendering;

/// <summary>One layer of an overlay (masks, boxes, labels, trails, ...), drawn onto a canvas.</summary>
public interface IAnnotator
{
    /// <summary>Draws this layer for one frame's detections.</summary>
    void Annotate(OverlayCanvas canvas, FrameDetections detections);
}
