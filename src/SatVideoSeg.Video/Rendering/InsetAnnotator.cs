using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Crop-and-zoom insets of small objects (under <paramref name="below"/> px on their longer side),
/// at most <paramref name="maxInsets"/> per frame, lowest track ids first, stacked right to left
/// along the bottom edge. Each inset is a nearest-neighbour enlargement of what is already drawn
/// around the object (mask and outline included), framed in the track's colour.
/// </summary>
public sealed class InsetAnnotator(int below = 20, int maxInsets = 4, int size = 96) : IAnnotator
{
    private const int Margin = 4;
    private const int MinWindow = 16;

    /// <summary>The frame window an inset of <paramref name="anchor"/> shows: a square of twice the object's size (at least 16 px), kept inside the frame.</summary>
    public static PixelRect Window(PixelRect anchor, int frameWidth, int frameHeight)
    {
        int side = Math.Min(Math.Min(frameWidth, frameHeight), Math.Max(MinWindow, 2 * Math.Max(anchor.Width, anchor.Height)));
        int x = Math.Clamp(anchor.X + anchor.Width / 2 - side / 2, 0, frameWidth - side);
        int y = Math.Clamp(anchor.Y + anchor.Height / 2 - side / 2, 0, frameHeight - side);
        return new PixelRect(x, y, side, side);
    }

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        int fits = (canvas.Width - Margin) / (size + Margin);
        if (canvas.Height < 2 * size || fits < 2) return;
        var small = detections.Objects
            .Select(o => (o.TrackId, Rect: LabelAnnotator.Anchor(o)))
            .Where(t => !t.Rect.IsEmpty && Math.Max(t.Rect.Width, t.Rect.Height) < below)
            .OrderBy(t => t.TrackId)
            .Take(Math.Min(maxInsets, fits - 1))
            .ToArray();
        // Cut every window before pasting any inset, so no inset shows another.
        var crops = small.Select(t =>
        {
            var w = Window(t.Rect, canvas.Width, canvas.Height);
            using var roi = new Mat(canvas.Mat, new Rect(w.X, w.Y, w.Width, w.Height));
            var zoomed = new Mat();
            Cv2.Resize(roi, zoomed, new Size(size, size), 0, 0, InterpolationFlags.Nearest);
            return (t.TrackId, Zoomed: zoomed);
        }).ToArray();
        for (int k = 0; k < crops.Length; k++)
        {
            var (id, zoomed) = crops[k];
            int x = canvas.Width - (k + 1) * (size + Margin);
            int y = canvas.Height - size - Margin;
            using (zoomed)
            using (var target = new Mat(canvas.Mat, new Rect(x, y, size, size)))
            {
                zoomed.CopyTo(target);
            }
            Raster.Rectangle(canvas, x - 1, y - 1, size + 2, size + 2, TrackColors.For(id));
            OutlinedText.Draw(canvas.Mat, $"{id}", new Point(x + 3, y + 12), 0.35, TrackColors.ScalarFor(id));
        }
    }
}
