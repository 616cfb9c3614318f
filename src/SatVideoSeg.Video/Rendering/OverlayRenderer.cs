using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Draws mask tracks over frames: the one overlay renderer of the toolkit, used by `segment` for
/// overlay.mp4 and by `render`. It stacks annotators chosen by an <see cref="OverlayStyle"/>, in
/// this order: trails, mask fills and outlines, prompt boxes, labels, insets, frame counter.
/// Deterministic: the same frames and detections, in the same order, give byte-identical output.
/// Trails make it stateful, so use one renderer per video and feed frames in order.
/// </summary>
public sealed class OverlayRenderer
{
    private readonly IAnnotator[] _annotators;
    private readonly double _fps;
    private readonly BufferPool<byte>? _pool;

    /// <summary>A renderer for a video of <paramref name="fps"/> frames per second (0 = unknown: no timestamp).</summary>
    /// <param name="style">What to draw.</param>
    /// <param name="fps">Frames per second (0 = unknown: no timestamp).</param>
    /// <param name="pool">Where rendered frames get their pixels: the caller then disposes each rendered frame once written. Null = new arrays, nothing to dispose.</param>
    public OverlayRenderer(OverlayStyle style, double fps = 0, BufferPool<byte>? pool = null)
    {
        Style = style;
        _fps = fps;
        _pool = pool;
        var layers = new List<IAnnotator>();
        if (style.TrailLength > 1) layers.Add(new TrailAnnotator(style.TrailLength));
        layers.Add(new MaskAnnotator(style.FillOpacity, style.Contours));
        if (style.PromptBoxes) layers.Add(new PromptBoxAnnotator());
        if (style.Labels) layers.Add(new LabelAnnotator(style.LeaderBelow));
        if (style.Insets) layers.Add(new InsetAnnotator(style.InsetBelow, style.MaxInsets, style.InsetSize));
        if (style.FrameCounter) layers.Add(new FrameInfoAnnotator());
        _annotators = [.. layers];
    }

    /// <summary>The style drawn.</summary>
    public OverlayStyle Style { get; }

    /// <summary>Returns a new frame with the detections drawn over a copy of <paramref name="frame"/>.</summary>
    public Frame Render(Frame frame, FrameDetections detections)
    {
        using var canvas = new OverlayCanvas(frame, _fps, _pool?.Rent(frame.Pixels.Length));
        foreach (var a in _annotators) a.Annotate(canvas, detections);
        return _pool is null
            ? new Frame(frame.Index, frame.Width, frame.Height, canvas.Pixels)
            : new Frame(frame.Index, frame.Width, frame.Height, canvas.Pixels, _pool);
    }
}
