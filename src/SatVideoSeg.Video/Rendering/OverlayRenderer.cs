using System.Runtime.InteropServices;
using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Draws mask tracks over a frame: alpha-blended fills and outlines in per-track colours, id and
/// class labels placed beside (never over) the object, optional prompt boxes. Deterministic: the
/// same inputs give byte-identical frames.
/// </summary>
public sealed class OverlayRenderer(OverlayStyle style)
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const double FontScale = 0.35;

    /// <summary>Returns a new frame with the detections drawn over a copy of <paramref name="frame"/>.</summary>
    public Frame Render(Frame frame, FrameDetections detections)
    {
        var pixels = (byte[])frame.Pixels.Clone();
        foreach (var o in detections.Objects) BlendMask(pixels, frame.Width, o.Mask, TrackColors.For(o.TrackId));
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, handle.AddrOfPinnedObject());
            foreach (var o in detections.Objects)
            {
                var (b, g, r) = TrackColors.For(o.TrackId);
                var colour = new Scalar(b, g, r);
                if (style.PromptBoxes) DrawPromptBox(mat, o.Prompt, colour);
                if (style.Labels) DrawLabel(mat, o, colour);
            }
            if (style.FrameCounter)
            {
                string text = $"frame {frame.Index + 1}";
                Cv2.PutText(mat, text, new Point(4, 12), Font, FontScale, Scalar.Black, 3, LineTypes.AntiAlias);
                Cv2.PutText(mat, text, new Point(4, 12), Font, FontScale, Scalar.White, 1, LineTypes.AntiAlias);
            }
        }
        finally
        {
            handle.Free();
        }
        return new Frame(frame.Index, frame.Width, frame.Height, pixels);
    }

    private void BlendMask(byte[] pixels, int width, BitMask mask, (byte B, byte G, byte R) colour)
    {
        if (mask.Rect.IsEmpty) return;
        var outline = style.Contours ? BoundaryIoU.Boundary(mask, 1) : null;
        int alpha = (int)Math.Round(Math.Clamp(style.FillOpacity, 0, 1) * 256);
        var rect = mask.Rect;
        for (int y = 0; y < rect.Height; y++)
        {
            int row = (rect.Y + y) * width;
            for (int x = 0; x < rect.Width; x++)
            {
                int i = y * rect.Width + x;
                if (mask.Data[i] == 0) continue;
                int p = (row + rect.X + x) * 3;
                if (outline is not null && outline.Data[i] != 0)
                {
                    pixels[p] = colour.B;
                    pixels[p + 1] = colour.G;
                    pixels[p + 2] = colour.R;
                    continue;
                }
                // Fixed-point blend (alpha in 1/256 units) keeps rendering exact and deterministic.
                pixels[p] = (byte)((pixels[p] * (256 - alpha) + colour.B * alpha) >> 8);
                pixels[p + 1] = (byte)((pixels[p + 1] * (256 - alpha) + colour.G * alpha) >> 8);
                pixels[p + 2] = (byte)((pixels[p + 2] * (256 - alpha) + colour.R * alpha) >> 8);
            }
        }
    }

    private static void DrawPromptBox(Mat mat, ObjectPrompt prompt, Scalar colour)
    {
        var r = prompt.Box.ToPixelRect();
        if (r.IsEmpty) return;
        var corners = new[] { new Point(r.X, r.Y), new Point(r.Right - 1, r.Y), new Point(r.Right - 1, r.Bottom - 1), new Point(r.X, r.Bottom - 1) };
        for (int k = 0; k < 4; k++)
        {
            var a = corners[k];
            var b = corners[(k + 1) % 4];
            if (prompt.Source == PromptSource.Annotated) Cv2.Line(mat, a, b, colour, 1);
            else DrawDashed(mat, a, b, colour);
        }
    }

    private static void DrawDashed(Mat mat, Point a, Point b, Scalar colour)
    {
        double length = Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2));
        const int dash = 3;
        for (double t = 0; t < length; t += 2 * dash)
        {
            double t1 = Math.Min(length, t + dash);
            var p = new Point(a.X + (b.X - a.X) * t / length, a.Y + (b.Y - a.Y) * t / length);
            var q = new Point(a.X + (b.X - a.X) * t1 / length, a.Y + (b.Y - a.Y) * t1 / length);
            Cv2.Line(mat, p, q, colour, 1);
        }
    }

    private static void DrawLabel(Mat mat, SegmentedObject o, Scalar colour)
    {
        string text = o.Prompt.Class == ObjectClass.Unknown ? $"{o.TrackId}" : $"{o.TrackId} {ObjectClasses.Name(o.Prompt.Class)}";
        var size = Cv2.GetTextSize(text, Font, FontScale, 1, out int baseline);
        var anchor = o.Mask.IsEmpty ? o.Prompt.Box.ToPixelRect() : o.Mask.TightRect();
        var place = LabelPlacement.Place(anchor, size.Width, size.Height + baseline, mat.Width, mat.Height);
        var origin = new Point(place.X, place.Y + size.Height);
        Cv2.PutText(mat, text, origin, Font, FontScale, Scalar.Black, 3, LineTypes.AntiAlias);
        Cv2.PutText(mat, text, origin, Font, FontScale, colour, 1, LineTypes.AntiAlias);
    }
}
