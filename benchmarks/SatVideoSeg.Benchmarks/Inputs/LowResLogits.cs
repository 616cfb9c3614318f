using SatVideoSeg.Segmentation.Cropping;

namespace SatVideoSeg.Benchmarks.Inputs;

/// <summary>A decoder-like low-res logit map for one object's crop.</summary>
internal static class LowResLogits
{
    // SAM-family decoders give logits of roughly +-10..20 with a soft edge; a slope of 8 per
    // ellipse radius plus +-0.5 noise gives the same kind of map: positive inside the object,
    // crossing 0 on its outline, with ragged bits near the edge the threshold has to cut.
    private const double Slope = 8;
    private const double Noise = 0.5;

    /// <summary>Row-major side x side logits over the crop window, positive inside the object.</summary>
    public static float[] For(SatelliteObject target, CropWindow window, int side, Random random)
    {
        var logits = new float[side * side];
        double pixelsPerCell = (double)window.Side / side;
        for (int v = 0; v < side; v++)
        {
            for (int u = 0; u < side; u++)
            {
                // The frame point under the centre of low-res cell (u, v).
                double x = window.X + (u + 0.5) * pixelsPerCell, y = window.Y + (v + 0.5) * pixelsPerCell;
                double noise = (random.NextDouble() * 2 - 1) * Noise;
                logits[v * side + u] = (float)(Slope * (1 - target.Distance(x, y)) + noise);
            }
        }
        return logits;
    }
}
