using SatVideoSeg.Cli;
using Spectre.Console;

// Redirected output (logs, pipes) is not wrapped at 80 columns: tables stay one row per line.
if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 240;
return await CliApp.RunAsync(args, AnsiConsole.Console, Console.Error);
