using System.CommandLine;
using SatVideoSeg.Pipeline.Synth;
using SatVideoSeg.Synth;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg synth`: one call of SynthJob.Run (a video, or with --layout a benchmark folder).</summary>
public static class SynthCommand
{
    private const string Examples = """

        Examples:
          satvidseg synth --out videos/synth-sample
          satvidseg synth --seed 7 --width 1280 --height 720 --frames 300 --cars 40 --out out/big
          satvidseg synth --layout viso --frames 30 --out out/viso-like
        """;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var defaults = new SynthOptions();
        var output = new Option<string>("--out", "-o") { Description = "Output folder (video.mp4, boxes.mot.txt, gt.mots.txt, synth.json).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives byte-identical frames.", DefaultValueFactory = _ => defaults.Seed };
        var width = new Option<int>("--width") { Description = "Frame width in pixels.", DefaultValueFactory = _ => defaults.Width };
        var height = new Option<int>("--height") { Description = "Frame height in pixels.", DefaultValueFactory = _ => defaults.Height };
        var frames = new Option<int>("--frames") { Description = "Number of frames.", DefaultValueFactory = _ => defaults.FrameCount };
        var fps = new Option<double>("--fps") { Description = "Frame rate (object speeds are in pixels per second).", DefaultValueFactory = _ => defaults.Fps };
        var airplanes = new Option<int>("--airplanes") { Description = "Number of airplanes.", DefaultValueFactory = _ => defaults.Airplanes };
        var ships = new Option<int>("--ships") { Description = "Number of ships.", DefaultValueFactory = _ => defaults.Ships };
        var trains = new Option<int>("--trains") { Description = "Number of trains.", DefaultValueFactory = _ => defaults.Trains };
        var cars = new Option<int>("--cars") { Description = "Number of cars.", DefaultValueFactory = _ => defaults.Cars };
        var noise = new Option<double>("--noise") { Description = "Sensor noise sigma in grey levels (0 = none).", DefaultValueFactory = _ => defaults.NoiseSigma };
        var noBlur = new Option<bool>("--no-blur") { Description = "Do not blur the image (masks are exact either way)." };
        var layout = new Option<string?>("--layout") { Description = "Write frames and boxes in a tracking benchmark's layout instead of a video: satmtb, viso, sot, ootb or mot." };

        var command = new Command("synth", "Write a procedural satellite-like video (airplanes, ships with wakes, trains, cars) with exact per-frame instance masks." + Examples)
        {
            output, seed, width, height, frames, fps, airplanes, ships, trains, cars, noise, noBlur, layout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new SynthOptions
            {
                Seed = parse.GetValue(seed),
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                FrameCount = parse.GetValue(frames),
                Fps = parse.GetValue(fps),
                Airplanes = parse.GetValue(airplanes),
                Ships = parse.GetValue(ships),
                Trains = parse.GetValue(trains),
                Cars = parse.GetValue(cars),
                NoiseSigma = parse.GetValue(noise),
                Blur = !parse.GetValue(noBlur),
            };
            string dir = parse.GetValue(output)!;
            int objectFrames = 0;
            string? layoutName = parse.GetValue(layout);
            int code = JobRunner.Run(console, errors, "synth", progress =>
                objectFrames = SynthJob.Run(options, dir, layoutName is null ? null : Datasets.Benchmarks.BenchmarkReader.Parse(layoutName), progress, cancellationToken), cancellationToken);
            if (code == 0) console.MarkupLineInterpolated($"[green]done[/]: {options.FrameCount} frames {options.Width}x{options.Height}, {objectFrames} object-frames -> {dir}");
            return Task.FromResult(code);
        });
        return command;
    }
}
