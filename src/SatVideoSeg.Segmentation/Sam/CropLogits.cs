using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// A track's low-res logits from its last frame and the crop window they cover: carried to the
/// track's next prompt (<c>ObjectPrompt.Memory</c>) and offered to the decoder as <c>mask_input</c>.
/// </summary>
/// <param name="Logits">Row-major Size x Size logits.</param>
/// <param name="Size">Side of the logit map.</param>
/// <param name="Window">The frame window the map covers.</param>
public sealed record CropLogits(float[] Logits, int Size, CropWindow Window)
{
    /// <summary>Logit used where the previous map has no data (outside its window): clearly background.</summary>
    public const float Outside = -20f;

    /// <summary>
    /// The logits resampled into another window's Size x Size grid (bilinear, half-pixel centres),
    /// so the previous mask lines up with the current crop although the object and window moved.
    /// </summary>
    public float[] ResampleTo(CropWindow target) => Resample(target, 0, 0);

    /// <summary>
    /// The logits moved with the crop: resampled into <paramref name="target"/>'s grid as if the
    /// previous window had moved to share its centre. Crops are centred on their prompts, so this
    /// moves the previous mask by the prompt's motion, the measured motion of the object.
    /// </summary>
    public float[] FollowedTo(CropWindow target) =>
        Resample(target, Window.X + Window.Side / 2.0 - (target.X + target.Side / 2.0), Window.Y + Window.Side / 2.0 - (target.Y + target.Side / 2.0));

    // Samples this map at the target grid's pixel centres shifted by (dx, dy) frame pixels.
    private float[] Resample(CropWindow target, double dx, double dy)
    {
        var result = new float[Size * Size];
        double step = (double)target.Side / Size, back = (double)Size / Window.Side;
        for (int v = 0; v < Size; v++)
        {
            double y = target.Y + (v + 0.5) * step + dy;
            for (int u = 0; u < Size; u++)
            {
                double x = target.X + (u + 0.5) * step + dx;
                result[v * Size + u] = x < Window.X || y < Window.Y || x >= Window.X + Window.Side || y >= Window.Y + Window.Side
                    ? Outside
                    : Sample((x - Window.X) * back - 0.5, (y - Window.Y) * back - 0.5);
            }
        }
        return result;
    }

    private float Sample(double u, double v)
    {
        u = Math.Clamp(u, 0, Size - 1);
        v = Math.Clamp(v, 0, Size - 1);
        int u0 = (int)u, v0 = (int)v, u1 = Math.Min(u0 + 1, Size - 1), v1 = Math.Min(v0 + 1, Size - 1);
        float fu = (float)(u - u0), fv = (float)(v - v0);
        float top = Logits[v0 * Size + u0] + (Logits[v0 * Size + u1] - Logits[v0 * Size + u0]) * fu;
        float bottom = Logits[v1 * Size + u0] + (Logits[v1 * Size + u1] - Logits[v1 * Size + u0]) * fu;
        return top + (bottom - top) * fv;
    }
}
