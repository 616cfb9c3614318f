using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using SatVideoSeg.Benchmarks.Inputs;
using SatVideoSeg.OpenCv;
using SatVideoSeg.Segmentation.Cropping;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Benchmarks;

/// <summary>
/// Preprocess: one crop cut from the 1024x576 frame, resized to the 64x64 encoder input and
/// normalised into the [3,64,64] float tensor (ImagePreprocessor.WriteCrop, bicubic as the shipped model).
/// </summary>
[MemoryDiagnoser]
public class PreprocessBenchmarks
{
    private PinnedMat? _frame;
    private ImagePreprocessor _preprocessor = new(new ModelManifest(), bicubic: true);
    private CropWindow _window;
    private float[] _tensor = [];

    /// <summary>
    /// Crop side in frame pixels: 16 (the smallest crop, boxes up to 10 px, enlarged 4x),
    /// 48 (enlarged), 64 (a 40-px box: same size as the encoder input), 128 (an 80-px box, shrunk).
    /// </summary>
    [Params(16, 48, 64, 128)]
    public int CropSide { get; set; }

    /// <summary>Builds the frame (pinned once, as the pipeline pins it per frame), the preprocessor and the window.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(BenchmarkScene.Seed);
        // Noise pixels: OpenCV's resize and the normalise loop do the same work whatever the values.
        var pixels = new byte[BenchmarkScene.FrameWidth * BenchmarkScene.FrameHeight * 3];
        random.NextBytes(pixels);
        _frame = new PinnedMat(pixels, BenchmarkScene.FrameHeight, BenchmarkScene.FrameWidth, MatType.CV_8UC3);
        // Manifest defaults are SAM's mean, std and RGB order, which the shipped model uses too.
        _preprocessor = new ImagePreprocessor(new ModelManifest { InputSize = BenchmarkScene.ModelSide }, bicubic: true);
        _tensor = new float[_preprocessor.ImageSize];
        // A window wholly inside the frame: the common case, no zero padding.
        int x = random.Next(0, BenchmarkScene.FrameWidth - CropSide), y = random.Next(0, BenchmarkScene.FrameHeight - CropSide);
        _window = new CropWindow(x, y, CropSide);
    }

    /// <summary>Releases the pinned frame.</summary>
    [GlobalCleanup]
    public void Cleanup() => _frame?.Dispose();

    /// <summary>Cut, resize, normalise; returns two tensor values so the writes count as used.</summary>
    [Benchmark]
    public float WriteCrop()
    {
        _preprocessor.WriteCrop(_frame!.Mat, _window, _tensor);
        return _tensor[0] + _tensor[^1];
    }
}
