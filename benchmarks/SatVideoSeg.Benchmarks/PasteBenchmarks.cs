using BenchmarkDotNet.Attributes;
using SatVideoSeg.Benchmarks.Inputs;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Benchmarks;

/// <summary>
/// Paste: one object's 64x64 low-res logits resampled (bilinear) into its crop window of the
/// frame and thresholded, as SamSegmenter.Paste does for every object of every frame.
/// </summary>
[MemoryDiagnoser]
public class PasteBenchmarks
{
    private float[] _logits = [];
    private LogitSampler _sampler;
    private PixelRect _window;

    /// <summary>Object length in frame pixels; the crop window is 1.6x the box's longer side, at least 16.</summary>
    [Params(8, 40, 80)]
    public int ObjectLength { get; set; }

    /// <summary>Places the object, chooses its crop window as the pipeline does, and builds its logits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(BenchmarkScene.Seed);
        var target = SatelliteObject.Place(random, ObjectLength);
        var crop = BenchmarkScene.Crop.WindowFor(target.Box, BenchmarkScene.FrameWidth, BenchmarkScene.FrameHeight, BenchmarkScene.ModelSide);
        _logits = LowResLogits.For(target, crop, BenchmarkScene.ModelSide, random);
        // The same sampler SamSegmenter.Paste builds: low-res cells per frame pixel of the window.
        double scale = (double)BenchmarkScene.ModelSide / crop.Side;
        _sampler = new LogitSampler(crop.X, crop.Y, scale, scale);
        _window = crop.InsideFrame(BenchmarkScene.FrameWidth, BenchmarkScene.FrameHeight);
    }

    /// <summary>Resamples, thresholds at 0 (SAM's mask threshold) and trims; returns the mask and its stability score.</summary>
    [Benchmark]
    public (BitMask Mask, double Stability) Sample() =>
        _sampler.Sample(_logits, BenchmarkScene.ModelSide, _window, BenchmarkScene.FrameWidth, BenchmarkScene.FrameHeight, threshold: 0);
}
