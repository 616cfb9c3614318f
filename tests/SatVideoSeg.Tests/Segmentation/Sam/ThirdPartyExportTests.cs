using System.Text.Json.Nodes;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// Exports shaped as the official scripts/export_onnx_model.py writes them (batch 1; 4 masks, or
/// one chosen by point count with --return-single-mask), run with only a user's model.json,
/// against the project's batched export of the same checkpoint (SamPredictor's box mask).
/// </summary>
public class ThirdPartyExportTests(ExportedSamFixture exported, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<ExportedSamFixture>
{
    [TrainingPythonFact("isaid-P0003")]
    public void The_Official_Four_Mask_Export_Gives_The_Batched_Exports_Masks()
    {
        var official = Segment(exported.OfficialLayout("4-mask"));
        var batched = Segment(exported["sam"].Folder);

        double worst = official.Zip(batched, (a, b) => MaskIoU.Compute(a.Mask, b.Mask)).Min();
        log.WriteLine($"official 4-mask export vs batched export, 59 vehicles: lowest IoU {worst:0.0000}");
        Assert.True(worst >= 0.999, $"lowest per-vehicle IoU {worst:0.0000}");
    }

    [TrainingPythonFact("isaid-P0003")]
    public void The_Single_Mask_Export_Is_Padded_To_Return_The_Box_Mask_And_Models_Check_Says_So()
    {
        string folder = exported.OfficialLayout("single-mask");
        var (code, output, _) = CliRunner.Run("models", "check", folder);
        Assert.Equal(0, code);
        Assert.Contains("chosen by point count", output);

        var padded = Segment(folder);
        // The same export told it returns token 0: box prompts keep 2 points, so the graph picks
        // the best of the multimask tokens 1-3 instead, as the official script's rule says.
        string unpadded = exported.Scratch("official-single-mask-unpadded");
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(unpadded, Path.GetFileName(file)), overwrite: true);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(unpadded, "model.json")))!.AsObject();
        manifest["maskSelection"] = "token0";
        File.WriteAllText(Path.Combine(unpadded, "model.json"), manifest.ToJsonString());
        var multimask = Segment(unpadded);
        var predictor = Segment(exported["sam"].Folder);

        double paddedIoU = padded.Zip(predictor, (a, b) => MaskIoU.Compute(a.Mask, b.Mask)).Average();
        double multimaskIoU = multimask.Zip(predictor, (a, b) => MaskIoU.Compute(a.Mask, b.Mask)).Average();
        log.WriteLine($"single-mask export vs SamPredictor's box mask, 59 vehicles: mean IoU padded {paddedIoU:0.0000} (lowest {padded.Zip(predictor, (a, b) => MaskIoU.Compute(a.Mask, b.Mask)).Min():0.0000}), unpadded {multimaskIoU:0.0000}");
        Assert.True(paddedIoU > multimaskIoU + 0.05, $"mean IoU with SamPredictor's box mask: padded {paddedIoU:0.000}, unpadded {multimaskIoU:0.000}");
    }

    private static IReadOnlyList<SegmentedObject> Segment(string folder)
    {
        var (frame, prompts) = RealP0003.Load();
        using var model = SamModel.Load(folder);
        using var sam = new SamSegmenter(model, SamOptions.FromManifest(model.Manifest) with { BatchSize = 8 }, ownsModel: false);
        return sam.Segment(frame, prompts);
    }
}
