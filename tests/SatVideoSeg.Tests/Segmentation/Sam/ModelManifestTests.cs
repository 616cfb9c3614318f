using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class ModelManifestTests
{
    private static string Shipped => Path.Combine(RepoPaths.Root, "models", "sat-unet");

    // A copy of the shipped model whose model.json is edited by the test.
    private static string CopyWithManifest(TempDir dir, Func<string, string> edit)
    {
        foreach (var f in Directory.GetFiles(Shipped, "*.onnx")) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        File.WriteAllText(dir.File("model.json"), edit(File.ReadAllText(Path.Combine(Shipped, "model.json"))));
        return dir.Path;
    }

    [Fact]
    public void The_Shipped_Model_Meets_The_Sam_Contract()
    {
        using var model = SamModel.Load(Shipped);

        Assert.Equal("sam", model.Manifest.Contract);
        Assert.True(model.EncoderBatchable && model.DecoderBatchable);
    }

    [Fact]
    public void A_Folder_Without_A_Manifest_Is_Named()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<ModelContractException>(() => SamModel.Load(dir.Path));

        Assert.Contains("model.json: no such model manifest", e.Message);
    }

    [Fact]
    public void Invalid_Json_Is_Reported_With_Its_Line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("model.json"), "{\n  \"name\": \"x\",\n  \"inputSize\": oops\n}");

        var e = Assert.Throws<ModelContractException>(() => ModelManifest.Load(dir.Path));

        Assert.Contains("invalid JSON at line 3", e.Message);
    }

    [Fact]
    public void Every_Bad_Manifest_Value_Is_Named_In_One_Error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("model.json"), """{ "contract": "sam3", "inputSize": 8, "channelOrder": "hsv", "encoder": "none.onnx", "paddingLabel": 0, "maskSelection": "best" }""");

        var e = Assert.Throws<ModelContractException>(() => ModelManifest.Load(dir.Path));

        Assert.Contains("contract 'sam3' is not one of sam, sam-hq, sam2", e.Message);
        Assert.Contains("inputSize 8 is outside 16..4096", e.Message);
        Assert.Contains("channelOrder 'hsv'", e.Message);
        Assert.Contains("none.onnx does not exist", e.Message);
        Assert.Contains("paddingLabel 0 is not -1", e.Message);
        Assert.Contains("maskSelection 'best' is not token0 or point-count", e.Message);
    }

    [Fact]
    public void A_Declared_Feature_The_Encoder_Does_Not_Output_Is_Named_With_The_Real_Outputs()
    {
        using var dir = new TempDir();
        string folder = CopyWithManifest(dir, json => json.Replace("\"interm_embeddings_0\"", "\"hq_features\""));

        var e = Assert.Throws<ModelContractException>(() => SamModel.Load(folder));

        Assert.Contains("encoder.onnx: no output 'hq_features' (outputs: image_embeddings, interm_embeddings_0", e.Message);
        Assert.Contains("decoder.onnx: no input 'hq_features'", e.Message);
    }

    [Fact]
    public void An_Input_Size_That_Disagrees_With_The_Encoder_Is_Named()
    {
        using var dir = new TempDir();
        var manifest = ModelManifest.Load(Shipped);
        string folder = CopyWithManifest(dir, json => json.Replace($"\"inputSize\": {manifest.InputSize}", "\"inputSize\": 1024"));

        var e = Assert.Throws<ModelContractException>(() => SamModel.Load(folder));

        Assert.Contains("model.json says inputSize 1024", e.Message);
    }

    [Fact]
    public void A_Sam2_Manifest_Expects_The_Sam2_Tensor_Names_Unless_It_Names_Its_Own()
    {
        using var dir = new TempDir();
        string folder = CopyWithManifest(dir, json => json.Replace("\"contract\": \"sam\"", "\"contract\": \"sam2\""));

        var e = Assert.Throws<ModelContractException>(() => SamModel.Load(folder));
        Assert.Contains("encoder.onnx: no input 'image'", e.Message);
        Assert.Contains("no output 'image_embed'", e.Message);

        File.WriteAllText(Path.Combine(folder, "model.json"), File.ReadAllText(Path.Combine(folder, "model.json"))
            .Replace("\"contract\": \"sam2\"", "\"contract\": \"sam2\", \"inputName\": \"input_image\", \"embeddingName\": \"image_embeddings\", \"lowResName\": \"low_res_masks\""));
        using var model = SamModel.Load(folder);
        Assert.Equal("sam2", model.Manifest.Contract);
    }
}
