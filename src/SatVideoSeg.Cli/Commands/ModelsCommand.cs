using System.CommandLine;
using SatVideoSeg.Pipeline.Models;
using SatVideoSeg.Pipeline.Segment;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg models check`: one call of <see cref="ModelCheckJob.Run"/>.</summary>
public static class ModelsCommand
{
    /// <summary>Builds `models` with its `check` subcommand.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var folder = new Argument<string>("folder") { Description = "Model folder holding model.json.", DefaultValueFactory = _ => SegmenterFactory.DefaultModelFolder };
        var check = new Command("check", "Load a model and validate its tensor names, shapes and types against its contract (sam, sam-hq, sam2).\n\nExample:\n  satvidseg models check models/sat-unet")
        {
            folder,
        };
        check.SetAction((parse, cancellationToken) =>
        {
            ModelCheckJob.Result? result = null;
            int code = JobRunner.Run(console, errors, "check", _ => result = ModelCheckJob.Run(parse.GetValue(folder)!, cancellationToken), cancellationToken);
            if (result is not null)
            {
                var m = result.Manifest;
                console.MarkupLineInterpolated($"[green]ok[/]: {m.Name} meets the {m.Contract} contract; input {m.InputSize}px, extra features ({string.Join(", ", m.ExtraFeatures)}), encoder batch axis: {result.EncoderBatchable}, decoder batch axis: {result.DecoderBatchable}");
                console.WriteLine($"  masks: {result.MaskOutput}");
            }
            return Task.FromResult(code);
        });
        return new Command("models", "Inspect model folders.") { check };
    }
}
