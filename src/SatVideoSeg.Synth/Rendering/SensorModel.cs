namespace SatVideoSeg.Synth.Rendering;

/// <summary>
/// What the satellite camera does to the rendered scene, per frame: optics blur (a 3x3 binomial
/// kernel, roughly a Gaussian with sigma 0.7 px, enough to make 8-px cars soft-edged), a slow
/// global illumination drift (haze and sun angle change gain by a few percent over a clip), and
/// additive Gaussian sensor noise. Masks are never touched: they stay the exact footprints.
/// </summary>
internal sealed class SensorModel
{
    // A table of standard-normal samples, indexed by a per-pixel hash: drawing 900k Gaussians
    // per frame with Box-Muller would cost more than everything else together.
    private const int NoiseTableBits = 16;
    private readonly float[] _gaussian = new float[1 << NoiseTableBits];
    private readonly int _seed;
    private readonly bool _blur;
    private readonly double _noiseSigma;
    private readonly double _gainAmplitude;
    private readonly double _gainPeriodFrames;
    private readonly double _gainPhase;
    private readonly double _gainBias;
    private ushort[] _rowPass = [];

    public SensorModel(SynthOptions options, Random random)
    {
        _seed = options.Seed;
        _blur = options.Blur;
        _noiseSigma = options.NoiseSigma;
        _gainAmplitude = 0.04 + 0.05 * random.NextDouble();
        _gainPeriodFrames = Math.Max(30, options.FrameCount) * (0.9 + 0.8 * random.NextDouble());
        _gainPhase = random.NextDouble() * 2 * Math.PI;
        _gainBias = 0.97 + 0.06 * random.NextDouble();
        for (int i = 0; i < _gaussian.Length; i += 2)
        {
            // Box-Muller: two independent normals from two uniforms.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            _gaussian[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            _gaussian[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
    }

    /// <summary>The illumination gain of a frame (about 1, drifting slowly).</summary>
    public double GainAt(int frameIndex) =>
        _gainBias + _gainAmplitude * Math.Sin(2 * Math.PI * frameIndex / _gainPeriodFrames + _gainPhase);

    /// <summary>Applies blur, gain and noise in place to a BGR24 frame.</summary>
    public void Apply(byte[] pixels, int width, int height, int frameIndex)
    {
        if (_blur) Blur3x3(pixels, width, height);
        ApplyGainAndNoise(pixels, GainAt(frameIndex), frameIndex);
    }

    private void Blur3x3(byte[] pixels, int width, int height)
    {
        int stride = width * 3;
        if (_rowPass.Length != pixels.Length) _rowPass = new ushort[pixels.Length];
        var pass = _rowPass;
        // Horizontal [1 2 1] into 16-bit sums (max 1020), edges clamped.
        for (int y = 0; y < height; y++)
        {
            int row = y * stride;
            for (int x = 0; x < width; x++)
            {
                int left = row + Math.Max(x - 1, 0) * 3, mid = row + x * 3, right = row + Math.Min(x + 1, width - 1) * 3;
                pass[mid] = (ushort)(pixels[left] + 2 * pixels[mid] + pixels[right]);
                pass[mid + 1] = (ushort)(pixels[left + 1] + 2 * pixels[mid + 1] + pixels[right + 1]);
                pass[mid + 2] = (ushort)(pixels[left + 2] + 2 * pixels[mid + 2] + pixels[right + 2]);
            }
        }
        // Vertical [1 2 1]; total weight 16, +8 rounds to nearest.
        for (int y = 0; y < height; y++)
        {
            int up = Math.Max(y - 1, 0) * stride, row = y * stride, down = Math.Min(y + 1, height - 1) * stride;
            for (int i = 0; i < stride; i++)
                pixels[row + i] = (byte)((pass[up + i] + 2 * pass[row + i] + pass[down + i] + 8) >> 4);
        }
    }

    private void ApplyGainAndNoise(byte[] pixels, double gain, int frameIndex)
    {
        Span<float> gained = stackalloc float[256];
        for (int v = 0; v < 256; v++) gained[v] = (float)(v * gain);
        float sigma = (float)_noiseSigma;
        var table = _gaussian;
        const int mask = (1 << NoiseTableBits) - 1;
        // xorshift32, seeded from (seed, frame) so any frame can be regenerated on its own.
        uint state = unchecked((uint)_seed * 0x9E3779B9u ^ (uint)(frameIndex + 1) * 0x85EBCA6Bu);
        if (state == 0) state = 0x6D2B79F5u;
        for (int i = 0; i < pixels.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            float value = gained[pixels[i]] + sigma * table[state & mask] + 0.5f;
            pixels[i] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)value;
        }
    }
}
