using BenchmarkDotNet.Attributes;
using SatVideoSeg.Benchmarks.Inputs;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Benchmarks;

/// <summary>
/// COCO RLE of one object's mask over the 1024x576 frame: encode and decode, and pycocotools'
/// compressed string both ways (the form written to results JSON).
/// </summary>
[MemoryDiagnoser]
public class RleBenchmarks
{
    private BitMask _mask = BitMask.Empty(1, 1);
    private CocoRle _rle = new(0, 0, []);
    private string _compressed = "";

    /// <summary>Object length in frame pixels (8: a car, 80: a ship).</summary>
    [Params(8, 40, 80)]
    public int ObjectLength { get; set; }

    /// <summary>Builds the mask, its RLE and its compressed string from the fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mask = SatelliteObject.Place(new Random(BenchmarkScene.Seed), ObjectLength).ToMask();
        _rle = CocoRle.Encode(_mask);
        _compressed = _rle.ToCompressedString();
        // A timing over a mask the round trip breaks would measure the wrong work.
        if (_rle.Decode().Area != _mask.Area || CocoRle.FromCompressedString(_compressed, _rle.Height, _rle.Width).Area != _mask.Area)
            throw new InvalidOperationException($"RLE round trip lost pixels of the {ObjectLength}-px object");
    }

    /// <summary>Mask to run lengths (column-major over the whole frame).</summary>
    [Benchmark]
    public CocoRle Encode() => CocoRle.Encode(_mask);

    /// <summary>Run lengths to a mask in its tight rectangle.</summary>
    [Benchmark]
    public BitMask Decode() => _rle.Decode();

    /// <summary>Run lengths to pycocotools' compressed "counts" string.</summary>
    [Benchmark]
    public string ToCompressedString() => _rle.ToCompressedString();

    /// <summary>Compressed "counts" string back to run lengths.</summary>
    [Benchmark]
    public CocoRle FromCompressedString() => CocoRle.FromCompressedString(_compressed, BenchmarkScene.FrameHeight, BenchmarkScene.FrameWidth);
}
