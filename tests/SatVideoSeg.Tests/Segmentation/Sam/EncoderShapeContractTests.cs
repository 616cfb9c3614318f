using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// Issue 20: `models check` accepted an encoder whose input is [B,3,4096], and `segment` then failed
/// at its first inference with an ONNX Runtime message naming no model file. The encoders here are
/// made with the onnx package (Identity nodes: only their declared input shape matters) beside the
/// shipped decoder and manifest.
/// </summary>
public class EncoderShapeContractTests
{
    // Writes encoder.onnx with the given input dimensions (names for symbolic ones) and the outputs the shipped manifest names.
    private const string MakeEncoder = """
        import sys, json, onnx
        from onnx import helper, TensorProto
        out, dims, names = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
        nodes = [helper.make_node("Identity", ["input_image"], [n]) for n in names]
        graph = helper.make_graph(nodes, "encoder", [helper.make_tensor_value_info("input_image", TensorProto.FLOAT, dims)],
                                  [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in names])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 8
        onnx.save(model, out)
        """;

    private static string ModelWithEncoderInput(TempDir dir, string dims)
    {
        string shipped = SegmenterFolder();
        File.Copy(Path.Combine(shipped, "decoder.onnx"), dir.File("decoder.onnx"));
        File.Copy(Path.Combine(shipped, "model.json"), dir.File("model.json"));
        var manifest = ModelManifest.Load(shipped);
        string names = "[" + string.Join(",", new[] { manifest.Embedding }.Concat(manifest.ExtraFeatures).Select(n => $"\"{n}\"")) + "]";
        TrainingPython.RunCode(MakeEncoder, dir.File("encoder.onnx"), dims, names);
        return dir.Path;
    }

    private static string SegmenterFolder() => Path.Combine(RepoPaths.Root, "models", "sat-unet");

    [TrainingPythonFact]
    public void Models_Check_Refuses_An_Encoder_Input_Of_The_Wrong_Rank_Naming_The_Onnx_File_And_The_Expected_Layout()
    {
        using var dir = new TempDir();
        string folder = ModelWithEncoderInput(dir, """["B", 3, 4096]""");

        var (code, _, errors) = CliRunner.Run("models", "check", folder);

        Assert.Equal(1, code);
        Assert.Contains("encoder.onnx: 'input_image' has shape [B,3,4096], expected rank 4 ([B,3,S,S])", errors);
    }

    [TrainingPythonFact]
    public void Loading_For_Segment_Refuses_Wrong_Channels_And_A_Fixed_Batch_Where_The_Manifest_Says_BatchAxis()
    {
        using var dir = new TempDir();
        string folder = ModelWithEncoderInput(dir, """[1, 4, 64, 64]""");

        var e = Assert.Throws<ModelContractException>(() => SamModel.Load(folder));

        Assert.Contains("encoder.onnx: input 'input_image' has 4 channels, expected 3 ([B,3,S,S])", e.Message);
        Assert.Contains("encoder.onnx: 'input_image' has shape [1,4,64,64], a fixed batch of 1, but model.json says batchAxis true", e.Message);
    }

    [TrainingPythonFact]
    public void An_Encoder_Of_The_Contracts_Shape_Passes_The_Input_Checks()
    {
        using var dir = new TempDir();
        string folder = ModelWithEncoderInput(dir, """["B", 3, 64, 64]""");

        var e = Record.Exception(() => SamModel.Load(folder).Dispose());

        // Its Identity outputs are [B,3,64,64], not the decoder's embeddings: only those are named.
        Assert.NotNull(e);
        Assert.DoesNotContain("'input_image'", e.Message);
        Assert.Contains("encoder.onnx outputs 'image_embeddings' as [B,3,64,64] but decoder.onnx takes it as [B,48,16,16]", e.Message);
    }
}
