using BenchmarkDotNet.Attributes;
using SatVideoSeg.Benchmarks.Inputs;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;

namespace SatVideoSeg.Benchmarks;

/// <summary>
/// Mask IoU of an object with itself one frame later, the comparison mask linking and evaluation
/// make for every candidate pair.
/// </summary>
[MemoryDiagnoser]
public class MaskIouBenchmarks
{
    private BitMask _previous = BitMask.Empty(1, 1);
    private BitMask _current = BitMask.Empty(1, 1);

    /// <summary>Object length in frame pixels (8: a car, 80: a ship).</summary>
    [Params(8, 40, 80)]
    public int ObjectLength { get; set; }

    /// <summary>Builds the two masks from the fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var previous = SatelliteObject.Place(new Random(BenchmarkScene.Seed), ObjectLength);
        // Moved a tenth of its length: the masks overlap partly and their rectangles differ, as between frames.
        var current = previous.Moved(0.1 * ObjectLength, 0.05 * ObjectLength);
        _previous = previous.ToMask();
        _current = current.ToMask();
    }

    /// <summary>|A n B| / |A u B| of the two masks.</summary>
    [Benchmark]
    public double Compute() => MaskIoU.Compute(_previous, _current);
}
