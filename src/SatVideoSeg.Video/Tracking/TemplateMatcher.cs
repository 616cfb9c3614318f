using OpenCvSharp;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Tracking;

/// <summary>
/// Finds an <see cref="AppearanceTemplate"/> in a search window of a frame by normalised
/// cross-correlation (OpenCV TM_CCOEFF_NORMED: zero-mean, so a uniform brightness change does not
/// move it), with the peak refined to sub-pixel by a parabola through its neighbours (the
/// satellite trackers' template step: small objects move a pixel or less per frame).
/// </summary>
public static class TemplateMatcher
{
    /// <summary>Where the template's top-left corner fits best inside <paramref name="search"/>, and its score (-1..1); null when the window cannot hold it.</summary>
    public static (double X, double Y, double Score)? Find(Frame frame, AppearanceTemplate template, PixelRect search)
    {
        search = search.Intersect(new PixelRect(0, 0, frame.Width, frame.Height));
        var t = template.Rect;
        if (search.Width < t.Width + 2 || search.Height < t.Height + 2) return null;
        using var pinned = PinnedMat.Of(frame);
        using var window = new Mat(pinned.Mat, new Rect(search.X, search.Y, search.Width, search.Height));
        using var templ = new PinnedMat(template.Pixels, t.Height, t.Width, MatType.CV_8UC3);
        using var scores = new Mat();
        Cv2.MatchTemplate(window, templ.Mat, scores, TemplateMatchModes.CCoeffNormed);
        Cv2.MinMaxLoc(scores, out _, out double best, out _, out Point at);
        double dx = Vertex(scores, at, 1, 0), dy = Vertex(scores, at, 0, 1);
        return (search.X + at.X + dx, search.Y + at.Y + dy, best);
    }

    // Offset of a parabola's vertex through the peak and its two neighbours along (stepX, stepY), in -0.5..0.5.
    private static double Vertex(Mat scores, Point at, int stepX, int stepY)
    {
        int x0 = at.X - stepX, y0 = at.Y - stepY, x1 = at.X + stepX, y1 = at.Y + stepY;
        if (x0 < 0 || y0 < 0 || x1 >= scores.Cols || y1 >= scores.Rows) return 0;
        double a = scores.At<float>(y0, x0), b = scores.At<float>(at.Y, at.X), c = scores.At<float>(y1, x1);
        double curvature = a - 2 * b + c;
        return curvature < 0 ? Math.Clamp(0.5 * (a - c) / curvature, -0.5, 0.5) : 0;
    }
}
