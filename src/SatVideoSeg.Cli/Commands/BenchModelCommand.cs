using System.CommandLine;
using SatVideoSeg.Pipeline.Bench;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation.Sam;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg bench model`: the model alone on synthetic crops; maps onto <see cref="ModelBench.Run"/>.</summary>
public static class BenchModelCommand
{
    /// <summary>Builds `bench model`.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model folder (default: the shipped model)." };
        var device = new Option<string>("--device") { Description = "Where the model runs: cpu, cuda, cuda:N or auto (CUDA needs a build with -p:OnnxRuntimeGpu=true).", DefaultValueFactory = _ => "cpu" };
        var batch = new Option<string>("--batch") { Description = "Comma-separated crops per call to measure.", DefaultValueFactory = _ => "1,8,32" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var ioBinding = new Option<string>("--io-binding") { Description = "on: encoder outputs stay on the device and feed the decoder (OrtIoBinding; what segment does); off: ONNX Runtime returns them to the host between the calls.", DefaultValueFactory = _ => "on" };
        var convSearch = new Option<string>("--conv-search") { Description = "CUDA only: cuDNN convolution algorithm search, heuristic (segment's default: no search per new batch shape), exhaustive (ONNX Runtime's default) or default.", DefaultValueFactory = _ => SessionSettings.Default.ConvSearch };
        var memLimit = new Option<int>("--gpu-mem-limit") { Description = "CUDA only: cap of ONNX Runtime's GPU memory arena in MiB (0 = no cap).", DefaultValueFactory = _ => 0 };
        var calls = new Option<int>("--calls") { Description = "Timed calls per batch size, after one warm-up call.", DefaultValueFactory = _ => ModelBench.DefaultCalls };
        var command = new Command("model", "The model alone (encoder + decoder) on synthetic crops of its input size: seconds per crop and crops per second for each batch size. Needs no video, OpenCV or FFmpeg.\n\nExamples:\n  satvidseg bench model --batch 1,8,32\n  satvidseg bench model --model models/sam-vit-b --device cuda --batch 1,8,32,64,128,256")
        {
            model, device, batch, threads, calls, ioBinding, convSearch, memLimit,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            ModelBenchResult? result = null;
            int code = JobRunner.Run(console, errors, "bench model", _ =>
                result = ModelBench.Run(parse.GetValue(model), parse.GetValue(device)!, ParseBatches(parse.GetValue(batch)!), parse.GetValue(threads), parse.GetValue(calls), cancellationToken,
                    ParseSettings(parse.GetValue(ioBinding)!, parse.GetValue(convSearch)!, parse.GetValue(memLimit))), cancellationToken);
            if (result is not null)
                foreach (var line in ToLines(result)) console.WriteLine(line);
            return Task.FromResult(code);
        });
        return command;
    }

    private static SessionSettings ParseSettings(string ioBinding, string convSearch, int memLimitMiB)
    {
        bool binding = ioBinding.Trim().ToLowerInvariant() switch
        {
            "on" => true,
            "off" => false,
            _ => throw new JobException($"--io-binding '{ioBinding}' is not on or off"),
        };
        if (memLimitMiB < 0) throw new JobException($"--gpu-mem-limit {memLimitMiB}: give MiB, 0 for no cap");
        try
        {
            return SessionSettings.Default with { IoBinding = binding, ConvSearch = SessionSettings.ParseConvSearch(convSearch), GpuMemLimitBytes = (long)memLimitMiB << 20 };
        }
        catch (ArgumentException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    // "1,8,32" -> [1, 8, 32]; the job checks the values.
    private static int[] ParseBatches(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, out int n) ? n : throw new JobException($"--batch '{text}': give whole numbers separated by commas, e.g. 1,8,32"))
            .ToArray();

    // Plain aligned text, like `bench segment`: readable in logs and pastes into README tables.
    private static IEnumerable<string> ToLines(ModelBenchResult r)
    {
        yield return $"model {r.Model} ({r.TensorType}), {r.InputSize} px crops, device {r.Device}, {r.Settings}";
        yield return " batch  calls  encoder ms/crop  decoder ms/crop  crops/s";
        foreach (var row in r.Rows)
            yield return $"{row.BatchSize,6}  {row.Calls,5}  {row.EncoderSecondsPerCrop * 1000,15:0.000}  {row.DecoderSecondsPerCrop * 1000,15:0.000}  {row.CropsPerSecond,7:0.0}";
        if (r.BatchGain is double gain) yield return $"best batch over batch 1: {gain:0.00}x crops/s";
    }
}
