using System.Diagnostics;
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
    /// <exception cref="JobException">A bad batch size or call count, a model that cannot batch, or a device that cannot run here.</exception>
    public static ModelBenchResult Run(string? model, string device, IReadOnlyList<int> batchSizes, int threads = 0, int calls = DefaultCalls, CancellationToken cancellationToken = default)
    {
        if (batchSizes.Count == 0 || batchSizes.Any(b => b < 1)) throw new JobException($"--batch {string.Join(",", batchSizes)}: give crops per call of at least 1, e.g. 1,8,32");
        if (calls < 1) throw new JobException($"--calls {calls}: give at least 1 timed call per batch size");
        SamModel loaded;
        try
        {
            loaded = SamModel.Load(model ?? SegmenterFactory.DefaultModelFolder, threads, ExecutionDevice.Parse(device));
        }
        catch (Exception e) when (e is ModelContractException or DeviceUnavailableException or ArgumentException)
        {
            throw new JobException(e.Message, e);
        }
        using (loaded)
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
            return new ModelBenchResult(loaded.Manifest.Name, loaded.Device.ToString(), loaded.Manifest.InputSize, rows);
        }
    }

    // One batch of crops with their prompts, built once and run many times.
    private sealed class SyntheticCrops(SamModel model, int batch)
    {
        private readonly Tensor _images = Images(model.Manifest.InputSize, batch);

        private Tensor[]? _prompts;

        // Seconds in the encoder call and in the decoder call.
        public (double Encoder, double Decoder) Run()
        {
            long start = Stopwatch.GetTimestamp();
            using var features = model.Encode(_images);
            long encoded = Stopwatch.GetTimestamp();
            // Built once, from the first call's embedding size: only the model's calls are timed.
            _prompts ??= Prompts(features);
            model.Decode(features, _prompts[0], _prompts[1], _prompts[2], _prompts[3], (model.Manifest.InputSize, model.Manifest.InputSize));
            long decoded = Stopwatch.GetTimestamp();
            return (Stopwatch.GetElapsedTime(start, encoded).TotalSeconds, Stopwatch.GetElapsedTime(encoded, decoded).TotalSeconds);
        }

        // One box over the middle half of each crop, as segment prompts an object centred in its
        // crop; padded to 3 points with SAM's (0,0,-1) for decoders that pick their mask by point
        // count. Returns coordinates, labels, an empty mask_input and has_mask_input = 0.
        private Tensor[] Prompts(ImageFeatures features)
        {
            int s = model.Manifest.InputSize;
            int n = model.SelectsMaskByPointCount ? 3 : 2;
            int h = 4 * (int)features.EmbeddingShape[2], w = 4 * (int)features.EmbeddingShape[3];
            var coords = new float[batch * n * 2];
            var labels = new float[batch * n];
            for (int i = 0; i < batch; i++)
            {
                coords[i * n * 2] = coords[i * n * 2 + 1] = s / 4f;
                coords[i * n * 2 + 2] = coords[i * n * 2 + 3] = 3 * s / 4f;
                labels[i * n] = 2;
                labels[i * n + 1] = 3;
                if (n == 3) labels[i * n + 2] = -1;
            }
            return [new Tensor(coords, [batch, n, 2]), new Tensor(labels, [batch, n]), new Tensor(new float[batch * h * w], [batch, 1, h, w]), new Tensor(new float[batch], [batch])];
        }

        // Normalised pixels as the preprocessor writes them (about zero mean, unit spread), from a
        // fixed seed: the same crops on every machine. Values do not change the work a dense graph does.
        private static Tensor Images(int side, int count)
        {
            var data = new float[count * 3 * side * side];
            var random = new Random(14);
            for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 4 - 2);
            return new Tensor(data, [count, 3, side, side]);
        }
    }
}
