using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Segmentation.Prompts;

/// <summary>
/// (c) of the oriented-prompt comparison: for each prompt with an <see cref="ObjectPrompt.Oriented"/>
/// box, rotates a square patch of the frame (bilinear, zero border) so the box lies axis-aligned and
/// centred, prompts the inner segmenter there with that now-tight box, and rotates its mask back
/// (bilinear on 0/1, kept where >= 0.5). The inner segmenter's own crop (e.g. 1.6x the box) is
/// taken inside the patch. Prompts without an oriented box go to the inner segmenter unchanged.
/// One object per inner call, so the inner batching is lost; this is a measurement tool.
/// </summary>
public sealed class RotatedCropSegmenter : ISegmenter
{
    /// <summary>Patch side over the box's longer side: 2 leaves room for a 1.6x adaptive crop.</summary>
    public const double PatchScale = 2.0;

    private readonly ISegmenter _inner;
    private readonly bool _ownsInner;

    /// <summary>Wraps <paramref name="inner"/>; disposes it when <paramref name="ownsInner"/>.</summary>
    public RotatedCropSegmenter(ISegmenter inner, bool ownsInner = true)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _ownsInner = ownsInner;
    }

    /// <inheritdoc />
    public string Name => _inner.Name + "+rotated";

    /// <inheritdoc />
    public IReadOnlyList<SegmentedObject> Segment(Frame frame, IReadOnlyList<ObjectPrompt> prompts, CancellationToken cancellationToken = default)
    {
        var results = new SegmentedObject[prompts.Count];
        var plain = Enumerable.Range(0, prompts.Count).Where(i => prompts[i].Oriented is null).ToArray();
        if (plain.Length > 0)
        {
            var r = _inner.Segment(frame, plain.Select(i => prompts[i]).ToArray(), cancellationToken);
            for (int k = 0; k < plain.Length; k++) results[plain[k]] = r[k];
        }
        using var image = PinnedMat.Of(frame);
        for (int i = 0; i < prompts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (prompts[i].Oriented is { } obb) results[i] = SegmentOne(image.Mat, frame, prompts[i], obb, cancellationToken);
        }
        return results;
    }

    private SegmentedObject SegmentOne(Mat image, Frame frame, ObjectPrompt prompt, OrientedBox obb, CancellationToken cancellationToken)
    {
        int side = Math.Max(4, (int)Math.Ceiling(PatchScale * Math.Max(obb.Width, obb.Height)));
        double half = side / 2.0;
        using var toPatch = PatchTransform(obb, side, 0, 0);
        var pixels = new byte[side * side * 3];
        using (var patchMat = new PinnedMat(pixels, side, side, MatType.CV_8UC3))
            Cv2.WarpAffine(image, patchMat.Mat, toPatch, new Size(side, side), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        var patch = new Frame(frame.Index, side, side, pixels);
        var box = new BoxXyxy(half - obb.Width / 2, half - obb.Height / 2, half + obb.Width / 2, half + obb.Height / 2);
        var inner = _inner.Segment(patch, [prompt with { Box = box, Oriented = null, PositivePoints = [], NegativePoints = [] }], cancellationToken)[0];
        return new SegmentedObject(prompt, BackToFrame(inner.Mask, obb, side, frame), inner.PredictedIoU, inner.Stability) { Memory = inner.Memory };
    }

    /// <summary>
    /// Frame pixel index (x, y) -> patch pixel index: rotate by -heading about the box centre, move
    /// it to the patch centre. OpenCV indexes pixel centres at integers, our boxes put them at +0.5,
    /// hence the 0.5 shifts. (offsetX, offsetY) is the frame position of index (0, 0) (an ROI's origin).
    /// </summary>
    private static Mat PatchTransform(OrientedBox obb, int side, int offsetX, int offsetY)
    {
        double c = Math.Cos(obb.Angle), s = Math.Sin(obb.Angle);
        double cx = obb.CenterX - 0.5 - offsetX, cy = obb.CenterY - 0.5 - offsetY, h = side / 2.0 - 0.5;
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, c); m.Set(0, 1, s); m.Set(0, 2, h - c * cx - s * cy);
        m.Set(1, 0, -s); m.Set(1, 1, c); m.Set(1, 2, h + s * cx - c * cy);
        return m;
    }

    private static BitMask BackToFrame(BitMask patchMask, OrientedBox obb, int side, Frame frame)
    {
        if (patchMask.IsEmpty) return BitMask.Empty(frame.Width, frame.Height);
        // The patch's footprint in the frame: a square of side `side` turned by the heading.
        double ext = side / 2.0 * (Math.Abs(Math.Cos(obb.Angle)) + Math.Abs(Math.Sin(obb.Angle))) + 1;
        var roi = new BoxXyxy(obb.CenterX - ext, obb.CenterY - ext, obb.CenterX + ext, obb.CenterY + ext).ClipTo(frame.Width, frame.Height).ToPixelRect();
        if (roi.IsEmpty) return BitMask.Empty(frame.Width, frame.Height);
        var full = new float[side * side];
        var r = patchMask.Rect;
        for (int y = 0; y < r.Height; y++)
            for (int x = 0; x < r.Width; x++)
                if (patchMask.Data[y * r.Width + x] != 0) full[(r.Y + y) * side + r.X + x] = 1;
        using var src = Mat.FromPixelData(side, side, MatType.CV_32FC1, full);
        using var dst = new Mat();
        // WarpInverseMap: the matrix maps destination (ROI) pixels to source (patch) pixels.
        using var m = PatchTransform(obb, side, roi.X, roi.Y);
        Cv2.WarpAffine(src, dst, m, new Size(roi.Width, roi.Height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        // One copy out of the (continuous) result instead of a native call per pixel.
        dst.GetArray(out float[] warped);
        var data = new byte[roi.Width * roi.Height];
        for (int i = 0; i < data.Length; i++)
            if (warped[i] >= 0.5f) data[i] = 1;
        return new BitMask(frame.Width, frame.Height, roi, data).Trim();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsInner) _inner.Dispose();
    }
}
