using SatVideoSeg.Core.Detections;
using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// One prompt as SAM decoder points in encoder-input pixels: positive points (label 1), negative
/// points (0), the box as two corners (2 top-left, 3 bottom-right). The official padding rule:
/// with no box, one padding point (0,0) with label -1 is appended. Shorter prompts in a batch
/// are padded with further points labelled with the model's <see cref="ModelManifest.PaddingLabel"/>.
/// </summary>
public sealed class PromptPoints
{
    private readonly List<(float X, float Y, float Label)> _points = [];

    /// <summary>Previous low-res logits for the decoder's mask_input (4h x 4w), or null for none.</summary>
    public float[]? MaskInput { get; set; }

    /// <summary>Number of points, padding included.</summary>
    public int Count => _points.Count;

    /// <summary>The points as (x, y, label).</summary>
    public IReadOnlyList<(float X, float Y, float Label)> Points => _points;

    /// <summary>Builds the points of a prompt inside a crop window.</summary>
    public static PromptPoints ForCrop(ObjectPrompt prompt, CropWindow window, int inputSize)
    {
        var p = new PromptPoints();
        foreach (var (x, y) in prompt.PositivePoints) p.Add(window.ToInput(x, y, inputSize), 1);
        foreach (var (x, y) in prompt.NegativePoints) p.Add(window.ToInput(x, y, inputSize), 0);
        var box = window.ToInput(prompt.Box, inputSize);
        p.AddBox(box.X0, box.Y0, box.X1, box.Y1);
        return p;
    }

    /// <summary>Builds the points of a prompt for the whole frame resized by <paramref name="transform"/>.</summary>
    public static PromptPoints ForWholeFrame(ObjectPrompt prompt, SamCoordinateTransform transform)
    {
        var p = new PromptPoints();
        foreach (var (x, y) in prompt.PositivePoints) p.Add(transform.Apply(x, y), 1);
        foreach (var (x, y) in prompt.NegativePoints) p.Add(transform.Apply(x, y), 0);
        var (x0, y0) = transform.Apply(prompt.Box.X0, prompt.Box.Y0);
        var (x1, y1) = transform.Apply(prompt.Box.X1, prompt.Box.Y1);
        p.AddBox(x0, y0, x1, y1);
        return p;
    }

    /// <summary>Points only (no box): the official export then needs the padding point.</summary>
    public static PromptPoints ForPointsOnly(IEnumerable<((double X, double Y) Point, bool Positive)> points)
    {
        var p = new PromptPoints();
        foreach (var (pt, positive) in points) p.Add(pt, positive ? 1 : 0);
        p._points.Add((0, 0, -1));
        return p;
    }

    private void Add((double X, double Y) point, float label) => _points.Add(((float)point.X, (float)point.Y, label));

    private void AddBox(double x0, double y0, double x1, double y1)
    {
        _points.Add(((float)x0, (float)y0, 2));
        _points.Add(((float)x1, (float)y1, 3));
    }

    /// <summary>Writes [N,2] coordinates and [N] labels, padding past <see cref="Count"/> with (0, 0, <paramref name="paddingLabel"/>).</summary>
    public void WriteTo(Span<float> coords, Span<float> labels, float paddingLabel = -1)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            var (x, y, l) = i < _points.Count ? _points[i] : (0f, 0f, paddingLabel);
            coords[2 * i] = x;
            coords[2 * i + 1] = y;
            labels[i] = l;
        }
    }
}
