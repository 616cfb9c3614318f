using System.Globalization;
using OpenCvSharp;
using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Video.Rendering;

/// <summary>Writes "frame N" (1-based) and, when the rate is known, the timestamp mm:ss.ff in the top-left corner.</summary>
public sealed class FrameInfoAnnotator : IAnnotator
{
    private const double FontScale = 0.35;

    /// <summary>The text for a 0-based frame index at a rate (0 = unknown).</summary>
    public static string Text(int frameIndex, double fps)
    {
        string text = $"frame {frameIndex + 1}";
        if (fps <= 0) return text;
        var t = TimeSpan.FromSeconds(frameIndex / fps);
        return text + "  " + string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes:00}:{t.Seconds:00}.{t.Milliseconds / 10:00}");
    }

    /// <inheritdoc />
    public void Annotate(OverlayCanvas canvas, FrameDetections detections)
    {
        string text = Text(canvas.FrameIndex, canvas.Fps);
        OutlinedText.Draw(canvas.Mat, text, new Point(4, 12), FontScale, Scalar.White);
    }
}
