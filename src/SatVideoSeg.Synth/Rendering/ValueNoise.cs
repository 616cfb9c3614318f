namespace SatVideoSeg.Synth.Rendering;

/// <summary>
/// Seeded 2-D value noise and its fractal sum (fBm): random values on an integer lattice,
/// interpolated with a smoothstep. It is a pure function of (seed, x, y), so textures are
/// reproducible and need no stored state.
/// </summary>
internal sealed class ValueNoise(int seed)
{
    /// <summary>Noise in [0, 1] with features about one unit across.</summary>
    public double Sample(double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        double sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
        double top = Lerp(Lattice(x0, y0), Lattice(x0 + 1, y0), sx);
        double bottom = Lerp(Lattice(x0, y0 + 1), Lattice(x0 + 1, y0 + 1), sx);
        return Lerp(top, bottom, sy);
    }

    /// <summary>
    /// Fractal Brownian motion: <paramref name="octaves"/> layers, each twice as fine and half as
    /// strong as the one before, normalised back to [0, 1].
    /// </summary>
    public double Fbm(double x, double y, int octaves)
    {
        double sum = 0, amplitude = 1, norm = 0, frequency = 1;
        for (int i = 0; i < octaves; i++)
        {
            // Each octave is offset so lattice points of different octaves do not line up.
            sum += amplitude * Sample(x * frequency + i * 17.31, y * frequency - i * 9.77);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / norm;
    }

    private double Lattice(int x, int y)
    {
        // A small integer hash (multiply-xorshift, constants from MurmurHash3's finaliser).
        uint h = unchecked((uint)x * 0x8DA6B343u ^ (uint)y * 0xD8163841u ^ (uint)seed * 0xCB1AB31Fu);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return (h & 0xFFFFFF) / (double)0xFFFFFF;
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
