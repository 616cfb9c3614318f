using OpenCvSharp;
using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Video.Rendering;

/// <summary>Draws each object's prompt box: solid when annotated, dashed when predicted by the tracker.</summary>
public sealed class PromptBoxAnnotator : IAnnotator
{
    private const int Dash = 3;

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        foreach (var o in detections.Objects)
        {
            var r = o.Prompt.Box.ToPixelRect();
            if (r.IsEmpty) continue;
            var colour = TrackColors.ScalarFor(o.TrackId);
            var corners = new[] { new Point(r.X, r.Y), new Point(r.Right - 1, r.Y), new Point(r.Right - 1, r.Bottom - 1), new Point(r.X, r.Bottom - 1) };
            for (int k = 0; k < 4; k++)
            {
                var a = corners[k];
                var b = corners[(k + 1) % 4];
                if (o.Prompt.Source == PromptSource.Annotated) Cv2.Line(canvas.Mat, a, b, colour, 1);
                else DrawDashed(canvas.Mat, a, b, colour);
            }
        }
    }

    private static void DrawDashed(Mat mat, Point a, Point b, Scalar colour)
    {
        double length = Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2));
        if (length == 0) return;
        for (double t = 0; t < length; t += 2 * Dash)
        {
            double t1 = Math.Min(length, t + Dash);
            var p = new Point(a.X + (b.X - a.X) * t / length, a.Y + (b.Y - a.Y) * t / length);
            var q = new Point(a.X + (b.X - a.X) * t1 / length, a.Y + (b.Y - a.Y) * t1 / length);
            Cv2.Line(mat, p, q, colour, 1);
        }
    }
}
