using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// training/export_sam.py's ONNX files, run by ONNX Runtime, against the torch modules they were
/// exported from (golden.json/bin written by the export from the same random inputs).
/// </summary>
public class SamExportGoldenTests(ExportedSamFixture exported) : IClassFixture<ExportedSamFixture>
{
    private const float Tolerance = 1e-4f;

    [TrainingPythonTheory]
    [InlineData("sam")]
    [InlineData("hq")]
    public void Onnx_Runtime_Reproduces_The_Torch_Encoder_And_Decoder(string kind)
    {
        string folder = exported[kind].Folder;
        var golden = Golden.Load(folder);
        using var encoder = new InferenceSession(Path.Combine(folder, "encoder.onnx"));
        using var decoder = new InferenceSession(Path.Combine(folder, "decoder.onnx"));

        string[] featureNames = kind == "hq" ? ["image_embeddings", "interm_embeddings"] : ["image_embeddings"];
        var encoded = Run(encoder, [("input_image", golden["input_image"])], featureNames);
        foreach (string name in featureNames) AssertClose(golden[name], encoded[name], name);

        // The decoder batch: three prompts (box; box + negative point; box + positive point + mask input) on image 0's features.
        var inputs = featureNames.Select(n => (n, FirstImageRepeated(golden[n], 3))).ToList();
        foreach (string name in (string[])["point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"])
            inputs.Add((name, golden["decoder." + name]));
        var decoded = Run(decoder, inputs, ["masks", "iou_predictions", "low_res_masks"]);
        foreach (string name in (string[])["masks", "iou_predictions", "low_res_masks"]) AssertClose(golden["decoder." + name], decoded[name], name);
        Assert.Equal([3L, 1, 32, 32], decoded["low_res_masks"].Shape);
    }

    [TrainingPythonTheory]
    [InlineData("sam", "sam")]
    [InlineData("hq", "sam-hq")]
    public void Models_Check_Accepts_The_Export_And_Says_Which_Mask_It_Returns(string kind, string contract)
    {
        var (code, printed, errors) = CliRunner.Run("models", "check", exported[kind].Folder);
        string output = System.Text.RegularExpressions.Regex.Replace(printed, @"\s+", " "); // the console wraps long lines

        Assert.True(code == 0, errors);
        Assert.Contains($"meets the {contract} contract; input 128px", output);
        Assert.Contains("encoder batch axis: True, decoder batch axis: True", output);
        Assert.Contains("SamPredictor's single mask (token 0; model.json: maskSelection token0); batch padding points are left out of attention", output);
    }

    private static (float[] Data, long[] Shape) FirstImageRepeated((float[] Data, long[] Shape) t, int times)
    {
        int per = t.Data.Length / (int)t.Shape[0];
        var data = new float[per * times];
        for (int i = 0; i < times; i++) Array.Copy(t.Data, 0, data, i * per, per);
        return (data, [times, .. t.Shape[1..]]);
    }

    private static Dictionary<string, (float[] Data, long[] Shape)> Run(InferenceSession session, List<(string Name, (float[] Data, long[] Shape) Value)> inputs, string[] outputs)
    {
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Value.Data, i.Value.Shape)).ToArray();
        try
        {
            using var results = session.Run(new RunOptions(), inputs.Select(i => i.Name).ToArray(), values, outputs);
            return outputs.Select((n, k) => (n, (results[k].GetTensorDataAsSpan<float>().ToArray(), results[k].GetTensorTypeAndShape().Shape)))
                .ToDictionary(p => p.n, p => p.Item2);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    private static void AssertClose((float[] Data, long[] Shape) expected, (float[] Data, long[] Shape) actual, string name)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double worst = 0, scale = 0;
        for (int i = 0; i < expected.Data.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected.Data[i] - actual.Data[i]));
            scale = Math.Max(scale, Math.Abs(expected.Data[i]));
        }
        Assert.True(scale > 1e-3, $"{name}: torch output is all zeros, the comparison would prove nothing");
        Assert.True(worst <= Tolerance, $"{name}: largest difference {worst:g3} (values up to {scale:g3})");
    }

    /// <summary>golden.json + golden.bin: named float32 tensors (little-endian) at byte offsets.</summary>
    private static class Golden
    {
        public static Dictionary<string, (float[] Data, long[] Shape)> Load(string folder)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, "golden.bin"));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "golden.json")));
            var tensors = new Dictionary<string, (float[], long[])>();
            foreach (var t in json.RootElement.GetProperty("tensors").EnumerateArray())
            {
                long[] shape = t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                int count = (int)shape.Aggregate(1L, (a, b) => a * b);
                var data = new float[count];
                Buffer.BlockCopy(bytes, t.GetProperty("offset").GetInt32(), data, 0, count * 4);
                tensors[t.GetProperty("name").GetString()!] = (data, shape);
            }
            return tensors;
        }
    }
}
