using SatVideoSeg.Cli;
using Spectre.Console;

namespace SatVideoSeg.Tests.Support;

/// <summary>Runs the `satvidseg` command tree in-process against a captured console.</summary>
public static class CliRunner
{
    /// <summary>Returns the exit code, what was written to the console, and what went to stderr.</summary>
    public static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        int code = CliApp.RunAsync(args, console, errors).GetAwaiter().GetResult();
        return (code, output.ToString(), errors.ToString());
    }
}
