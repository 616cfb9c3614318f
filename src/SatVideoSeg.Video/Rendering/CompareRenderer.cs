using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Shows a prediction against ground truth, frame by frame: panels drawn by two
/// <see cref="OverlayRenderer"/>s (one per side, each with its own trails) and/or a
/// <see cref="DifferenceAnnotator"/> panel, placed side by side with a title under each.
/// Deterministic like the overlay renderer; feed frames in order.
/// </summary>
public sealed class CompareRenderer(OverlayStyle style, CompareMode mode, double fps = 0)
{
    private const int Separator = 4;
    private readonly OverlayRenderer _truth = new(style, fps);
    private readonly OverlayRenderer _prediction = new(style, fps);
    private readonly DifferenceAnnotator _difference = new(Math.Max(0.5, style.FillOpacity));

    /// <summary>Width of the composed frame for input frames <paramref name="width"/> wide.</summary>
    public int OutputWidth(int width) => mode switch
    {
        CompareMode.Difference => width,
        CompareMode.SideBySide => 2 * width + Separator,
        _ => 3 * width + 2 * Separator,
    };

    /// <summary>The pixel counts of the last frame rendered.</summary>
    public (long TruePositive, long FalseNegative, long FalsePositive) LastCounts { get; private set; }

    /// <summary>Draws one frame; the result is <see cref="OutputWidth"/> wide and as high as the input.</summary>
    public Frame Render(Frame frame, FrameDetections predicted, FrameDetections truth)
    {
        var panels = new List<(Frame Panel, string Title)>();
        if (mode != CompareMode.Difference)
        {
            panels.Add((_truth.Render(frame, truth), "ground truth"));
            panels.Add((_prediction.Render(frame, predicted), "prediction"));
        }
        if (mode != CompareMode.SideBySide)
        {
            using var canvas = new OverlayCanvas(frame, fps);
            LastCounts = _difference.Annotate(canvas, predicted, truth);
            if (style.FrameCounter) new FrameInfoAnnotator().Annotate(canvas, predicted);
            // The canvas owns a fresh copy of the frame that nothing else touches: hand it out as is.
            panels.Add((new Frame(frame.Index, frame.Width, frame.Height, canvas.Pixels), "difference"));
        }
        if (mode == CompareMode.SideBySide)
        {
            var map = PixelConfusion.Map(predicted.Objects.Select(o => o.Mask), truth.Objects.Select(o => o.Mask), frame.Width, frame.Height);
            LastCounts = PixelConfusion.Count(map);
        }
        return panels.Count == 1 ? panels[0].Panel : Compose(frame.Index, panels);
    }

    private static Frame Compose(int index, IReadOnlyList<(Frame Panel, string Title)> panels)
    {
        int w = panels[0].Panel.Width, h = panels[0].Panel.Height;
        int total = panels.Count * w + (panels.Count - 1) * Separator;
        var pixels = new byte[total * h * 3];
        for (int k = 0; k < panels.Count; k++)
        {
            var src = panels[k].Panel.Pixels;
            int x0 = k * (w + Separator);
            for (int y = 0; y < h; y++)
                Buffer.BlockCopy(src, y * w * 3, pixels, (y * total + x0) * 3, w * 3);
        }
        var composed = new Frame(index, total, h, pixels);
        using var mat = PinnedMat.Of(composed);
        for (int k = 0; k < panels.Count; k++)
        {
            var origin = new Point(k * (w + Separator) + 4, h - 6);
            OutlinedText.Draw(mat.Mat, panels[k].Title, origin, 0.4, Scalar.White);
        }
        return composed;
    }
}
