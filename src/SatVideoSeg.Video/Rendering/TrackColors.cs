namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// A track's colour from its id alone, so colours are stable across runs and tools: hues step by
/// the golden angle (neighbouring ids get far-apart hues), full saturation, high value.
/// </summary>
public static class TrackColors
{
    /// <summary>The (B, G, R) colour of a track id.</summary>
    public static (byte B, byte G, byte R) For(int trackId)
    {
        double hue = (trackId * 137.508) % 360.0;
        double value = trackId % 2 == 0 ? 1.0 : 0.85;
        return HsvToBgr(hue, 0.85, value);
    }

    /// <summary>The colour of a track id as an OpenCV scalar (B, G, R).</summary>
    public static OpenCvSharp.Scalar ScalarFor(int trackId)
    {
        var (b, g, r) = For(trackId);
        return new OpenCvSharp.Scalar(b, g, r);
    }

    private static (byte B, byte G, byte R) HsvToBgr(double h, double s, double v)
    {
        double c = v * s, x = c * (1 - Math.Abs(h / 60 % 2 - 1)), m = v - c;
        (double r, double g, double b) = (int)(h / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return ((byte)Math.Round((b + m) * 255), (byte)Math.Round((g + m) * 255), (byte)Math.Round((r + m) * 255));
    }
}
