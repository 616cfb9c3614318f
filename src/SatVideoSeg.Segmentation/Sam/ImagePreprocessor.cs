using OpenCvSharp;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Turns frame regions into encoder input: cut (zero-padded past the frame), resized to the
/// encoder side with bicubic or bilinear interpolation, converted to the model's channel order
/// and normalised ((v - mean) / std on 0-255), laid out as [3,S,S] with zero padding bottom-right.
/// </summary>
public sealed class ImagePreprocessor(ModelManifest manifest, bool bicubic)
{
    private readonly int _s = manifest.InputSize;

    /// <summary>Floats per [3,S,S] image.</summary>
    public int ImageSize => 3 * _s * _s;

    /// <summary>Writes the window's crop, resized to S x S, into <paramref name="destination"/> ([3,S,S]).</summary>
    /// <param name="frame">The frame, as a Mat over its pixels (pinned once per frame by the caller: <see cref="PinnedMat.Of"/>).</param>
    /// <param name="window">The crop window in frame pixels.</param>
    /// <param name="destination">[3,S,S] floats to fill.</param>
    public void WriteCrop(Mat frame, CropWindow window, Span<float> destination)
    {
        using var crop = new Mat(window.Side, window.Side, MatType.CV_8UC3, Scalar.All(0));
        var inside = window.InsideFrame(frame.Cols, frame.Rows);
        if (!inside.IsEmpty)
        {
            using var from = new Mat(frame, new Rect(inside.X, inside.Y, inside.Width, inside.Height));
            using var to = new Mat(crop, new Rect(inside.X - window.X, inside.Y - window.Y, inside.Width, inside.Height));
            from.CopyTo(to);
        }
        using var resized = new Mat();
        // Enlarging uses the chosen interpolation (ROS-SAM: bicubic); shrinking a large object's
        // crop uses area averaging, which anti-aliases as the training crops' PIL resize does.
        var interpolation = window.Side > _s ? InterpolationFlags.Area : bicubic ? InterpolationFlags.Cubic : InterpolationFlags.Linear;
        Cv2.Resize(crop, resized, new Size(_s, _s), 0, 0, interpolation);
        Normalize(resized, destination);
    }

    /// <summary>Writes the whole frame resized per the manifest (longest side S, or square) into [3,S,S]; returns the resized size.</summary>
    public SamCoordinateTransform WriteWholeFrame(Frame frame, Span<float> destination)
    {
        var transform = SamCoordinateTransform.For(frame.Width, frame.Height, _s, manifest.Resize == "square");
        using var source = PinnedMat.Of(frame);
        using var resized = new Mat();
        Cv2.Resize(source.Mat, resized, new Size(transform.ResizedWidth, transform.ResizedHeight), 0, 0, InterpolationFlags.Linear);
        destination.Clear();
        Normalize(resized, destination);
        return transform;
    }

    // BGR bytes -> normalised planar floats in the model's channel order; pixels past the
    // resized image stay 0 (padding after normalisation, as SAM pads). Reads the Mat's rows in
    // place: copying them out first (Mat.GetArray) cost 12 KB per crop (benchmarks/).
    private unsafe void Normalize(Mat image, Span<float> destination)
    {
        bool rgb = manifest.ChannelOrder == "rgb";
        double mean0 = manifest.PixelMean[0], mean1 = manifest.PixelMean[1], mean2 = manifest.PixelMean[2];
        double std0 = manifest.PixelStd[0], std1 = manifest.PixelStd[1], std2 = manifest.PixelStd[2];
        int plane = _s * _s;
        int w = image.Cols, rows = image.Rows;
        var first = destination[..plane];
        var second = destination.Slice(plane, plane);
        var third = destination.Slice(2 * plane, plane);
        for (int y = 0; y < rows; y++)
        {
            var row = new ReadOnlySpan<byte>((void*)image.Ptr(y), w * 3);
            for (int x = 0; x < w; x++)
            {
                // Pixels are B, G, R.
                byte b = row[3 * x], g = row[3 * x + 1], r = row[3 * x + 2];
                float c0 = rgb ? r : b, c1 = g, c2 = rgb ? b : r;
                int o = y * _s + x;
                first[o] = (float)((c0 - mean0) / std0);
                second[o] = (float)((c1 - mean1) / std1);
                third[o] = (float)((c2 - mean2) / std2);
            }
        }
    }
}
