using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// `satvidseg bench model`: the model alone, encoder and decoder, on synthetic crops of its input
/// size with one box prompt each. No video, OpenCV or FFmpeg is touched, so it runs where only
/// ONNX Runtime (and, for CUDA, the NVIDIA libraries) can: the first check on a new GPU machine.
/// </summary>
public static class ModelBench
{
    /// <summary>Timed calls per batch size when none is given.</summary>
    public const int DefaultCalls = 5;

    /// <summary>Measures each batch size: one untimed warm-up call, then <paramref name="calls"/> timed calls of encoder then decoder.</summary>
    /// <param name="model">Model folder (null = the shipped model).</param>
    /// <param name="device">"cpu", "cuda", "cuda:N" or "auto".</param>
    /// <param name="batchSizes">Crops per call to measure, each at least 1.</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0 = one per core).</param>
    /// <param name="calls">Timed calls per batch size.</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    /// <param name="settings">I/O binding and CUDA provider options (the defaults `segment` uses when null).</param>
    /// <exception cref="JobException">A bad batch size or call count, a model that cannot batch, or a device that cannot run here.</exception>
    public static ModelBenchResult Run(string? model, string device, IReadOnlyList<int> batchSizes, int threads = 0, int calls = DefaultCalls, CancellationToken cancellationToken = default, SessionSettings? settings = null)
    {
        if (batchSizes.Count == 0 || batchSizes.Any(b => b < 1)) throw new JobException($"--batch {string.Join(",", batchSizes)}: give crops per call of at least 1, e.g. 1,8,32");
        if (calls < 1) throw new JobException($"--calls {calls}: give at least 1 timed call per batch size");
        using (var loaded = SegmenterFactory.LoadModel(model, threads, device, settings))
        {
            if (!(loaded.EncoderBatchable && loaded.DecoderBatchable) && batchSizes.Any(b => b > 1))
                throw new JobException($"{loaded.Manifest.Folder}: the model has no batch axis (encoder or decoder fixed at 1): measure it with --batch 1");
            var rows = new List<ModelBenchRow>();
            foreach (int batch in batchSizes)
            {
                var crops = new SyntheticCrops(loaded, batch);
                crops.Run(); // warm-up: the first call of a shape plans it and grows the memory arena
                double encoder = 0, decoder = 0;
                for (int i = 0; i < calls; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (e, d) = crops.Run();
                    encoder += e;
                    decoder += d;
                }
                rows.Add(new ModelBenchRow(batch, calls, encoder / (calls * batch), decoder / (calls * batch)));
            }
            return new ModelBenchResult(loaded.Manifest.Name, loaded.Device.ToString(), loaded.Manifest.InputSize, rows, loaded.Settings.Describe(loaded.Device), loaded.Manifest.TensorType);
        }
    }
}
