using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Core.Masks;

/// <summary>
/// A track's mask from its last frame as a model's low-res logits and the frame window they cover:
/// the segmenter's per-track state (SAM's mask memory), kept by the track (<c>MaskTrack.Memory</c>)
/// and offered as <c>mask_input</c> with the track's next prompt.
/// </summary>
/// <param name="Logits">Row-major Size x Size logits.</param>
/// <param name="Size">Side of the logit map.</param>
/// <param name="Window">The frame window the map covers, frame pixels.</param>
public sealed record MaskLogits(float[] Logits, int Size, PixelRect Window)
{
    /// <summary>Logit used where the previous map has no data (outside its window): clearly background.</summary>
    public const float Outside = -20f;

    /// <summary>
    /// The logits resampled into another window's Size x Size grid (bilinear, half-pixel centres),
    /// where they were in the frame: the previous mask lines up with the current window although the window moved.
    /// </summary>
    public float[] ResampleTo(PixelRect target) => Resample(target, 0, 0);

    /// <summary>
    /// The logits moved with the window: resampled into <paramref name="target"/>'s grid as if the
    /// previous window had moved to share its centre. Crops are centred on their prompts, so this
    /// moves the previous mask by the prompt's motion, the measured motion of the object.
    /// </summary>
    public float[] FollowedTo(PixelRect target) =>
        Resample(target, Window.X + Window.Width / 2.0 - (target.X + target.Width / 2.0), Window.Y + Window.Height / 2.0 - (target.Y + target.Height / 2.0));

    // Samples this map at the target grid's pixel centres shifted by (dx, dy) frame pixels.
    private float[] Resample(PixelRect target, double dx, double dy)
    {
        var result = new float[Size * Size];
        double stepX = (double)target.Width / Size, stepY = (double)target.Height / Size;
        double backX = (double)Size / Window.Width, backY = (double)Size / Window.Height;
        for (int v = 0; v < Size; v++)
        {
            double y = target.Y + (v + 0.5) * stepY + dy;
            for (int u = 0; u < Size; u++)
            {
                double x = target.X + (u + 0.5) * stepX + dx;
                result[v * Size + u] = x < Window.X || y < Window.Y || x >= Window.X + Window.Width || y >= Window.Y + Window.Height
                    ? Outside
                    : Sample((x - Window.X) * backX - 0.5, (y - Window.Y) * backY - 0.5);
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
