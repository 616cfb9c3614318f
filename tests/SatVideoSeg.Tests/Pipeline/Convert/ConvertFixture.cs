using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Synth;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Convert;

/// <summary>
/// One small synthetic scene written once in every benchmark layout (by `synth --layout`'s job),
/// shared by the convert tests. In this scene no two boxes of a frame overlap, so the box
/// segmenter's masks do not depend on which objects share a sequence: every layout must give the
/// same masks (checked by a test).
/// </summary>
public sealed class ConvertFixture : IDisposable
{
    public static readonly SynthOptions Options = new() { Width = 160, Height = 120, FrameCount = 5, Airplanes = 1, Ships = 1, Trains = 1, Cars = 2 };

    public static readonly BenchmarkLayout[] Layouts = [BenchmarkLayout.SatMtb, BenchmarkLayout.Viso, BenchmarkLayout.Sot, BenchmarkLayout.Ootb, BenchmarkLayout.Mot];

    private readonly TempDir _dir = new();

    public ConvertFixture()
    {
        foreach (var layout in Layouts) SynthJob.Run(Options, Input(layout), layout);
    }

    public string Input(BenchmarkLayout layout) => Path.Combine(_dir.Path, "in-" + BenchmarkReader.Name(layout));

    public void Dispose() => _dir.Dispose();
}
