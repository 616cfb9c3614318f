using System.Diagnostics;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// One batch of synthetic crops with their prompts for `bench model`, built once and run many
/// times, so that only the encoder and decoder calls are timed.
/// </summary>
internal sealed class SyntheticCrops(SamModel model, int batch)
{
    private readonly Tensor _images = Images(model.Manifest.InputSize, batch);

    private Tensor[]? _prompts;

    /// <summary>Runs the encoder then the decoder once; returns the seconds of each call.</summary>
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
    // crop; padded to 3 points with (0,0) and the manifest's padding label, as segment pads, for
    // decoders that pick their mask by point count. Returns coordinates, labels, an empty mask_input and has_mask_input = 0.
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
            if (n == 3) labels[i * n + 2] = model.Manifest.PaddingLabel;
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
