using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Video.Rendering;

/// <summary>Fills each mask with its track colour at a fixed opacity and, optionally, draws its one-pixel outline.</summary>
public sealed class MaskAnnotator(double fillOpacity, bool contours) : IAnnotator
{
    // Fixed-point alpha (1/256 units) keeps rendering exact and deterministic.
    private readonly int _alpha = (int)Math.Round(Math.Clamp(fillOpacity, 0, 1) * 256);

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        foreach (var o in detections.Objects)
        {
            var mask = o.Mask;
            if (mask.Rect.IsEmpty) continue;
            var colour = TrackColors.For(o.TrackId);
            var outline = contours ? BoundaryIoU.Boundary(mask, 1) : null;
            var rect = mask.Rect;
            for (int y = 0; y < rect.Height; y++)
            {
                for (int x = 0; x < rect.Width; x++)
                {
                    int i = y * rect.Width + x;
                    if (mask.Data[i] == 0) continue;
                    if (outline is not null && outline.Data[i] != 0) canvas.Set(rect.X + x, rect.Y + y, colour);
                    else if (_alpha > 0) canvas.Blend(rect.X + x, rect.Y + y, colour, _alpha);
                }
            }
        }
    }
}
