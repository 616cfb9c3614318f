using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Writes "id class" on a dark box beside each object, never over it (<see cref="LabelPlacement"/>).
/// Tiny objects (under <paramref name="leaderBelow"/> px) get their label set further off with a
/// leader line, so the label does not hide the handful of pixels the object is.
/// </summary>
public sealed class LabelAnnotator(int leaderBelow = 10) : IAnnotator
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const double FontScale = 0.35;
    private const int Padding = 2;
    private const int LeaderGap = 8;
    private const int BoxAlpha = 176;
    private static readonly (byte, byte, byte) BoxColour = (0, 0, 0);

    /// <summary>The text written for an object.</summary>
    public static string Text(SegmentedObject o) =>
        o.Prompt.Class == ObjectClass.Unknown ? $"{o.TrackId}" : $"{o.TrackId} {ObjectClasses.Name(o.Prompt.Class)}";

    /// <summary>The label's width and height in pixels, padding included.</summary>
    public static (int Width, int Height) Measure(string text) => BoxOf(TextSize(text));

    private static (Size Size, int Baseline) TextSize(string text)
    {
        var size = Cv2.GetTextSize(text, Font, FontScale, 1, out int baseline);
        return (size, baseline);
    }

    private static (int Width, int Height) BoxOf((Size Size, int Baseline) text) =>
        (text.Size.Width + 2 * Padding, text.Size.Height + text.Baseline + 2 * Padding);

    /// <summary>The rectangle an object occupies for label placement: its mask's tight box, else its prompt box.</summary>
    public static PixelRect Anchor(SegmentedObject o) =>
        o.Mask.IsEmpty ? o.Prompt.Box.ToPixelRect() : o.Mask.TightRect();

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        var anchors = detections.Objects.Select(Anchor).ToArray();
        // Labels try to miss every object and every label already placed; they never cover their own object.
        var occupied = anchors.Where(a => !a.IsEmpty).ToList();
        for (int k = 0; k < detections.Objects.Count; k++)
        {
            var o = detections.Objects[k];
            string text = Text(o);
            var textSize = TextSize(text);
            var (w, h) = BoxOf(textSize);
            var anchor = anchors[k];
            bool tiny = Math.Max(anchor.Width, anchor.Height) < leaderBelow;
            var place = LabelPlacement.Place(anchor, w, h, canvas.Width, canvas.Height, tiny ? LeaderGap : LabelPlacement.Gap, occupied);
            occupied.Add(place);
            var colour = TrackColors.For(o.TrackId);
            if (!anchor.IsEmpty && LabelPlacement.IsDetached(anchor, place))
            {
                var (ex, ey) = LabelPlacement.LeaderEnd(anchor, place);
                Raster.Line(canvas, place.X + place.Width / 2, place.Y + place.Height / 2, ex, ey, colour, 256);
            }
            for (int y = place.Y; y < place.Bottom; y++)
                for (int x = place.X; x < place.Right; x++)
                    canvas.Blend(x, y, BoxColour, BoxAlpha);
            var origin = new Point(place.X + Padding, place.Y + Padding + textSize.Size.Height);
            Cv2.PutText(canvas.Mat, text, origin, Font, FontScale, TrackColors.ScalarFor(o.TrackId), 1, LineTypes.AntiAlias);
        }
    }
}
