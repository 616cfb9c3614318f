using System.CommandLine;
using SatVideoSeg.Cli.Commands;
using Spectre.Console;

namespace SatVideoSeg.Cli;

/// <summary>The `satvidseg` command tree; every output goes through the given console so tests run it in-process.</summary>
public static class CliApp
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build(IAnsiConsole console, TextWriter errors)
    {
        var root = new RootCommand("satvidseg: per-object mask tracks from satellite video (segment, synth, eval, render).")
        {
            SegmentCommand.Create(console, errors),
            RenderCommand.Create(console, errors),
            SynthCommand.Create(console, errors),
            BenchCommand.Create(console, errors),
            ModelsCommand.Create(console, errors),
            EvalCommand.Create(console, errors),
            ConvertCommand.Create(console, errors),
        };
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code (0 ok, 1 bad input or failure, 2 usage error).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter errors)
    {
        var root = Build(console, errors);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await errors.WriteLineAsync($"error: {e.Message}");
            await errors.WriteLineAsync("Run 'satvidseg --help' for usage.");
            return 2;
        }
        using var signals = new TerminationSignals();
        // ProcessTerminationTimeout null: termination is handled by TerminationSignals, not twice.
        var configuration = new InvocationConfiguration { Error = errors, Output = Console.Out, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(configuration, signals.Token);
    }
}
