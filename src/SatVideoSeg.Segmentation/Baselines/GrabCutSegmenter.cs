using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Segmentation.Baselines;

/// <summary>
/// OpenCV GrabCut on a crop around each box, upsampled x2 bicubic first (small objects give GrabCut's
/// colour models too few pixels otherwise), initialised with the box as the probable-foreground
/// rectangle, then downsampled and pasted back. Falls back to the box when GrabCut finds nothing.
/// </summary>
public sealed class GrabCutSegmenter(int iterations = 5, int upsample = 2) : ISegmenter
{
    /// <inheritdoc />
    public string Name => "grabcut";

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default)
    {
        using var image = PinnedMat.Of(frame);
        var results = new SegmentedObject[prompts.Count];
        for (int i = 0; i < prompts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mask = SegmentOne(image.Mat, frame.Width, frame.Height, prompts[i].Box);
            results[i] = new SegmentedObject(prompts[i], mask, 1.0, 1.0);
        }
        return results;
    }

    private BitMask SegmentOne(Mat image, int width, int height, BoxXyxy box)
    {
        var inner = box.ToPixelRect().Intersect(new PixelRect(0, 0, width, height));
        if (inner.IsEmpty) return BitMask.Empty(width, height);
        // Background context around the box: half its size, at least 8 px, on every side.
        int margin = Math.Max(8, Math.Max(inner.Width, inner.Height) / 2);
        var window = new PixelRect(inner.X - margin, inner.Y - margin, inner.Width + 2 * margin, inner.Height + 2 * margin)
            .Intersect(new PixelRect(0, 0, width, height));
        using var crop = new Mat(image, new Rect(window.X, window.Y, window.Width, window.Height));
        using var big = new Mat();
        Cv2.Resize(crop, big, new Size(window.Width * upsample, window.Height * upsample), 0, 0, InterpolationFlags.Cubic);
        var rect = new Rect((inner.X - window.X) * upsample, (inner.Y - window.Y) * upsample, inner.Width * upsample, inner.Height * upsample);
        using var labels = new Mat();
        using var bgd = new Mat();
        using var fgd = new Mat();
        try
        {
            // GrabCut seeds its colour models with k-means on OpenCV's global RNG: reseed per object
            // so a mask does not depend on how many objects were segmented before it.
            Cv2.SetTheRNG(0x5A7);
            Cv2.GrabCut(big, labels, rect, bgd, fgd, iterations, GrabCutModes.InitWithRect);
        }
        catch (OpenCVException)
        {
            // GrabCut needs background samples; a box that fills its whole window has none.
            return BitMask.FromBox(box, width, height);
        }
        using var foreground = new Mat();
        // Labels 1 (sure) and 3 (probable) are foreground: (label & 1) == 1.
        Cv2.BitwiseAnd(labels, new Scalar(1), foreground);
        using var asFloat = new Mat();
        foreground.ConvertTo(asFloat, MatType.CV_32F);
        using var small = new Mat();
        Cv2.Resize(asFloat, small, new Size(window.Width, window.Height), 0, 0, InterpolationFlags.Area);
        // One copy out of native memory, not a native call per pixel.
        small.GetArray(out float[] coverage);
        var data = new byte[window.Area];
        for (int i = 0; i < data.Length; i++) data[i] = coverage[i] >= 0.5f ? (byte)1 : (byte)0;
        var mask = new BitMask(width, height, window, data).Crop(inner).Trim();
        return mask.IsEmpty ? BitMask.FromBox(box, width, height) : mask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
