using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>Encoder + decoder calls on fixed pseudo-random crops with one box prompt each, for comparing two ways of running a model.</summary>
internal static class ModelCalls
{
    /// <summary>Crops of <paramref name="seed"/>, as normalised input: about zero mean, unit spread.</summary>
    public static Tensor Crops(int side, int count, int seed)
    {
        var data = new float[count * 3 * side * side];
        var random = new Random(seed);
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 4 - 2);
        return new Tensor(data, [count, 3, side, side]);
    }

    /// <summary>Runs encoder then decoder with a box over the middle of each crop; returns iou_predictions and low_res_masks.</summary>
    public static (float[] Iou, float[] LowRes) Run(SamModel model, Tensor crops)
    {
        int b = (int)crops.Shape[0], s = model.Manifest.InputSize;
        using var features = model.Encode(crops);
        int h = 4 * (int)features.EmbeddingShape[2], w = 4 * (int)features.EmbeddingShape[3];
        var coords = new float[b * 4];
        var labels = new float[b * 2];
        for (int i = 0; i < b; i++)
        {
            coords[i * 4] = coords[i * 4 + 1] = s / 4f + i;
            coords[i * 4 + 2] = coords[i * 4 + 3] = 3 * s / 4f;
            labels[i * 2] = 2;
            labels[i * 2 + 1] = 3;
        }
        var (iou, lowRes) = model.Decode(features, new Tensor(coords, [b, 2, 2]), new Tensor(labels, [b, 2]),
            new Tensor(new float[b * h * w], [b, 1, h, w]), new Tensor(new float[b], [b]), (s, s));
        return (iou.Data, lowRes.Data);
    }
}
