using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Colours every pixel by how a prediction agrees with ground truth (<see cref="PixelConfusion"/>):
/// true positive green, missed red, false blue, blended at a fixed opacity so the image shows
/// through; optionally a legend with the pixel counts. Pixels no mask covers are left untouched,
/// so the colours count exactly the true-positive, missed and false pixels.
/// </summary>
public sealed class DifferenceAnnotator(double opacity = 0.6, bool legend = true)
{
    /// <summary>True-positive colour (B, G, R).</summary>
    public static readonly (byte B, byte G, byte R) TruePositiveColour = (40, 200, 40);

    /// <summary>Missed (false-negative) colour (B, G, R).</summary>
    public static readonly (byte B, byte G, byte R) FalseNegativeColour = (40, 40, 230);

    /// <summary>False-positive colour (B, G, R).</summary>
    public static readonly (byte B, byte G, byte R) FalsePositiveColour = (230, 140, 20);

    private readonly int _alpha = (int)Math.Round(Math.Clamp(opacity, 0, 1) * 256);

    /// <summary>Draws the agreement of <paramref name="predicted"/> with <paramref name="truth"/>; returns the pixel counts.</summary>
    public (long TruePositive, long FalseNegative, long FalsePositive) Annotate(OverlayCanvas canvas, FrameDetections predicted, FrameDetections truth)
    {
        var map = PixelConfusion.Map(predicted.Objects.Select(o => o.Mask), truth.Objects.Select(o => o.Mask), canvas.Width, canvas.Height);
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] == PixelConfusion.None) continue;
            var colour = map[i] switch
            {
                PixelConfusion.TruePositive => TruePositiveColour,
                PixelConfusion.FalseNegative => FalseNegativeColour,
                _ => FalsePositiveColour,
            };
            canvas.Blend(i % canvas.Width, i / canvas.Width, colour, _alpha);
        }
        var counts = PixelConfusion.Count(map);
        if (legend) DrawLegend(canvas, counts);
        return counts;
    }

    private static void DrawLegend(OverlayCanvas canvas, (long Tp, long Fn, long Fp) counts)
    {
        var rows = new[] { ($"TP {counts.Tp}", TruePositiveColour), ($"missed {counts.Fn}", FalseNegativeColour), ($"false {counts.Fp}", FalsePositiveColour) };
        int y = 24;
        foreach (var (text, c) in rows)
        {
            var colour = new Scalar(c.B, c.G, c.R);
            Cv2.Rectangle(canvas.Mat, new Rect(4, y - 7, 7, 7), colour, -1);
            OutlinedText.Draw(canvas.Mat, text, new Point(14, y), 0.35, Scalar.White);
            y += 11;
        }
    }
}
