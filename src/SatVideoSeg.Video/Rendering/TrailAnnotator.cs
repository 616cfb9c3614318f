using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Draws each track's path over its last <paramref name="length"/> frames as a line through its
/// centres, fading with age. Stateful: it remembers centres between calls, so feed it the frames
/// in order; two instances fed the same frames draw the same pixels.
/// </summary>
public sealed class TrailAnnotator(int length) : IAnnotator
{
    private readonly Dictionary<int, List<(int Frame, int X, int Y)>> _history = [];

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        int now = detections.FrameIndex;
        foreach (var o in detections.Objects)
        {
            var r = LabelAnnotator.Anchor(o);
            if (r.IsEmpty) continue;
            if (!_history.TryGetValue(o.TrackId, out var points)) _history[o.TrackId] = points = [];
            points.Add((now, r.X + r.Width / 2, r.Y + r.Height / 2));
        }
        foreach (var id in _history.Keys.Order().ToArray())
        {
            var points = _history[id];
            points.RemoveAll(p => now - p.Frame >= length);
            if (points.Count == 0)
            {
                _history.Remove(id);
                continue;
            }
            var colour = TrackColors.For(id);
            for (int k = 1; k < points.Count; k++)
            {
                var (frame, x1, y1) = points[k];
                var (_, x0, y0) = points[k - 1];
                // Opacity falls linearly with age: the newest segment is nearly opaque, the oldest faint.
                int alpha = 256 * (length - (now - frame)) / length;
                if (alpha > 0) Raster.Line(canvas, x0, y0, x1, y1, colour, alpha);
            }
        }
    }
}
