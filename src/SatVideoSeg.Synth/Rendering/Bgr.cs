namespace SatVideoSeg.Synth.Rendering;

/// <summary>A colour in the frame's byte order (blue, green, red).</summary>
internal readonly record struct Bgr(byte B, byte G, byte R)
{
    /// <summary>Builds a colour from the usual red-green-blue order, which is how colours are easiest to read.</summary>
    public static Bgr FromRgb(int r, int g, int b) => new(Clamp(b), Clamp(g), Clamp(r));

    /// <summary>Every channel multiplied by <paramref name="k"/> (clamped to 0..255).</summary>
    public Bgr Scale(double k) => new(Clamp(B * k), Clamp(G * k), Clamp(R * k));

    /// <summary>Every channel shifted by <paramref name="delta"/> (clamped to 0..255).</summary>
    public Bgr Shift(double delta) => new(Clamp(B + delta), Clamp(G + delta), Clamp(R + delta));

    /// <summary>Linear blend from <paramref name="a"/> (t = 0) to <paramref name="b"/> (t = 1).</summary>
    public static Bgr Lerp(Bgr a, Bgr b, double t) =>
        new(Clamp(a.B + (b.B - a.B) * t), Clamp(a.G + (b.G - a.G) * t), Clamp(a.R + (b.R - a.R) * t));

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
