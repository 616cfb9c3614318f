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
    public static (double X, double Y, double Score)? Find(Frame frame, AppearanceTemplate template, PixelRect search) =>
        Find(frame, template, search, null);

    /// <summary>
    /// As <see cref="Find(Frame, AppearanceTemplate, PixelRect)"/>, but where <paramref name="prior"/> is
    /// given the peak is chosen on the scores weighted by a Gaussian around the expected top-left
    /// corner (X, Y) with standard deviations (SigmaX, SigmaY) in pixels, the motion prior of
    /// SiamFC's cosine window: a look-alike (a second airplane of the same model beside the first)
    /// wins only by matching clearly better than the object where it is expected. The score
    /// returned is the unweighted one at that peak.
    /// </summary>
    public static (double X, double Y, double Score)? Find(Frame frame, AppearanceTemplate template, PixelRect search,
        (double X, double Y, double SigmaX, double SigmaY)? prior)
    {
        search = search.Intersect(new PixelRect(0, 0, frame.Width, frame.Height));
        var t = template.Rect;
        if (search.Width < t.Width + 2 || search.Height < t.Height + 2) return null;
        using var pinned = PinnedMat.Of(frame);
        using var window = new Mat(pinned.Mat, new Rect(search.X, search.Y, search.Width, search.Height));
        using var templ = new PinnedMat(template.Pixels, t.Height, t.Width, MatType.CV_8UC3);
        using var scores = new Mat();
        Cv2.MatchTemplate(window, templ.Mat, scores, TemplateMatchModes.CCoeffNormed);
        Point at;
        if (prior is { } p) at = WeightedPeak(scores, search.X - p.X, search.Y - p.Y, p.SigmaX, p.SigmaY);
        else Cv2.MinMaxLoc(scores, out _, out double _, out _, out at);
        double best = scores.At<float>(at.Y, at.X);
        double dx = Vertex(scores, at, 1, 0), dy = Vertex(scores, at, 0, 1);
        return (search.X + at.X + dx, search.Y + at.Y + dy, best);
    }

    // The peak of max(score, 0) · exp(-(dx²/2σx² + dy²/2σy²)), (dx, dy) the offset of a position from
    // the expected one ((ox, oy) is the offset of the scores' origin).
    private static Point WeightedPeak(Mat scores, double ox, double oy, double sigmaX, double sigmaY)
    {
        double ax = 1 / (2 * Math.Max(1e-6, sigmaX * sigmaX)), ay = 1 / (2 * Math.Max(1e-6, sigmaY * sigmaY));
        int rows = scores.Rows, cols = scores.Cols;
        scores.GetArray(out float[] values); // MatchTemplate's output is continuous, row-major
        // The Gaussian is separable: one weight per column and per row, not an Exp per score.
        var wx = new double[cols];
        for (int x = 0; x < cols; x++) wx[x] = Math.Exp(-ax * (ox + x) * (ox + x));
        var best = new Point(0, 0);
        double bestValue = double.NegativeInfinity;
        for (int y = 0; y < rows; y++)
        {
            double wy = Math.Exp(-ay * (oy + y) * (oy + y));
            for (int x = 0; x < cols; x++)
            {
                double v = Math.Max(0, values[y * cols + x]) * wx[x] * wy;
                if (v > bestValue)
                {
                    bestValue = v;
                    best = new Point(x, y);
                }
            }
        }
        return best;
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
