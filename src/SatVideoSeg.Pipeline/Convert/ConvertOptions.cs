using SatVideoSeg.Datasets.Benchmarks;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>Everything `satvidseg convert` is asked to do.</summary>
/// <param name="Root">Benchmark folder.</param>
/// <param name="OutputDirectory">Output folder (mots/, ytvis/, davis/, status/, report.json).</param>
/// <param name="Targets">Output formats.</param>
public sealed record ConvertOptions(string Root, string OutputDirectory, ConvertTargets Targets = ConvertTargets.All)
{
    /// <summary>Input layout (auto-detected by default).</summary>
    public BenchmarkLayout From { get; init; } = BenchmarkLayout.Auto;

    /// <summary>Segmenter name (see SegmenterFactory.Names); "sam" runs the shipped model.</summary>
    public string Segmenter { get; init; } = "sam";

    /// <summary>Model folder for the sam segmenters (null = the shipped model).</summary>
    public string? Model { get; init; }

    /// <summary>Execution device for the model: cpu, cuda, cuda:N or auto.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>ONNX Runtime intra-op threads (0 = one per core).</summary>
    public int Threads { get; init; }

    /// <summary>First frame number in MOTS gt.txt: 1 (MOTSChallenge) or 0 (KITTI).</summary>
    public int MotsFrameBase { get; init; } = 1;

    /// <summary>Write YouTube-VIS RLE as compressed strings (true) or count arrays (false).</summary>
    public bool CompressedRle { get; init; } = true;

    /// <summary>The part of the sequences this run converts.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>Masks whose predicted IoU is below this are listed for review (default 0.5).</summary>
    public double ReviewBelowIoU { get; init; } = 0.5;

    /// <summary>Masks filling less than this fraction of their box are listed for review (default 0.2).</summary>
    public double ReviewBelowFill { get; init; } = 0.2;

    /// <summary>Most review entries listed in report.json (all stay in the per-sequence status files).</summary>
    public int ReviewLimit { get; init; } = 1000;

    /// <summary>Frame files cut short: Fail (default), Skip (no masks for the frame, its DAVIS PNG empty) or Use (decode what is there); listed per sequence.</summary>
    public Video.Sources.DamagedFramePolicy DamagedFrames { get; init; } = Video.Sources.DamagedFramePolicy.Fail;

    /// <summary>Problems with these options, one message each; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Targets == ConvertTargets.None) p.Add("no output format: pass --to mots, ytvis and/or davis");
        if (MotsFrameBase is not (0 or 1)) p.Add($"MOTS frame base must be 0 or 1 (got {MotsFrameBase})");
        if (Shard.Count < 1 || Shard.Index < 0 || Shard.Index >= Shard.Count) p.Add($"bad shard {Shard}");
        if (ReviewLimit < 0) p.Add($"review limit must be >= 0 (got {ReviewLimit})");
        return p;
    }
}
