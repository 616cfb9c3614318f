namespace SatVideoSeg.Synth;

/// <summary>
/// Settings of a synthetic satellite video. Defaults give the committed sample: 640x480, 90 frames
/// at 10 fps, 4 airplanes, 4 ships, 2 trains and 6 cars. Object sizes are in pixels and do not
/// scale with the frame (cars stay 8-14 px long), but the scene layout does, so very small frames
/// get a cramped scene. Call <see cref="Validate"/> (the generator does) before use.
/// </summary>
public sealed record SynthOptions
{
    /// <summary>Smallest frame side accepted, in pixels.</summary>
    public const int MinSide = 64;

    /// <summary>Largest frame side accepted, in pixels.</summary>
    public const int MaxSide = 4096;

    /// <summary>Most objects of one class accepted.</summary>
    public const int MaxPerClass = 100;

    /// <summary>Seed of every random choice: the same options give byte-identical frames and masks.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Frame width in pixels (default 640).</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height in pixels (default 480).</summary>
    public int Height { get; init; } = 480;

    /// <summary>Number of frames (default 90).</summary>
    public int FrameCount { get; init; } = 90;

    /// <summary>Frames per second (default 10): object speeds are set in pixels per second, so this sets the motion per frame.</summary>
    public double Fps { get; init; } = 10;

    /// <summary>Number of airplanes (default 4): one rolls in along the runway, the others taxi on the apron.</summary>
    public int Airplanes { get; init; } = 4;

    /// <summary>Number of ships on the water (default 4).</summary>
    public int Ships { get; init; } = 4;

    /// <summary>Number of trains on the double-track railway (default 2).</summary>
    public int Trains { get; init; } = 2;

    /// <summary>Number of cars on the roads (default 6).</summary>
    public int Cars { get; init; } = 6;

    /// <summary>Standard deviation of the additive Gaussian sensor noise, in grey levels (default 3; 0 turns it off).</summary>
    public double NoiseSigma { get; init; } = 3;

    /// <summary>Whether the optics blur (3x3 binomial) is applied to the image (default true). Masks are never blurred.</summary>
    public bool Blur { get; init; } = true;

    /// <summary>Every problem with these options, one message each naming the setting, the allowed range and the value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Width is < MinSide or > MaxSide) problems.Add($"width must be between {MinSide} and {MaxSide} pixels (got {Width})");
        if (Height is < MinSide or > MaxSide) problems.Add($"height must be between {MinSide} and {MaxSide} pixels (got {Height})");
        if (FrameCount < 1) problems.Add($"frame count must be at least 1 (got {FrameCount})");
        if (!double.IsFinite(Fps) || Fps <= 0 || Fps > 1000) problems.Add($"fps must be a number above 0 and at most 1000 (got {Fps})");
        CheckCount(problems, "airplanes", Airplanes);
        CheckCount(problems, "ships", Ships);
        CheckCount(problems, "trains", Trains);
        CheckCount(problems, "cars", Cars);
        if (!double.IsFinite(NoiseSigma) || NoiseSigma < 0 || NoiseSigma > 100) problems.Add($"noise sigma must be between 0 and 100 grey levels (got {NoiseSigma})");
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException("invalid synthetic video options: " + string.Join("; ", problems));
    }

    private static void CheckCount(List<string> problems, string name, int count)
    {
        if (count is < 0 or > MaxPerClass) problems.Add($"{name} must be between 0 and {MaxPerClass} (got {count})");
    }
}
