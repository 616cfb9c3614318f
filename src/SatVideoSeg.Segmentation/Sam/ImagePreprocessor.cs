using OpenCvSharp;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Segmentation.Cropping;
using SatVideoSeg.Video.Rendering;

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
    // resized image stay 0 (padding after normalisation, as SAM pads).
    private void Normalize(Mat image, Span<float> destination)
    {
        bool rgb = manifest.ChannelOrder == "rgb";
        var mean = manifest.PixelMean;
        var std = manifest.PixelStd;
        int plane = _s * _s;
        image.GetArray(out Vec3b[] pixels);
        int w = image.Cols, rows = image.Rows;
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var p = pixels[y * w + x];
                // Vec3b holds B, G, R.
                float c0 = rgb ? p.Item2 : p.Item0, c1 = p.Item1, c2 = rgb ? p.Item0 : p.Item2;
                int o = y * _s + x;
                destination[o] = (float)((c0 - mean[0]) / std[0]);
                destination[plane + o] = (float)((c1 - mean[1]) / std[1]);
                destination[2 * plane + o] = (float)((c2 - mean[2]) / std[2]);
            }
        }
    }
}
