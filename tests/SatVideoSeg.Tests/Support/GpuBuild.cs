using System.Diagnostics;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// The GPU build of the CLI (<c>dotnet build src/SatVideoSeg.Cli -c Release -p:OnnxRuntimeGpu=true</c>,
/// which build.cake's Test target makes before the tests), run in a child process: it is another
/// set of binaries, with Microsoft.ML.OnnxRuntime.Gpu.Linux's native libraries.
/// </summary>
public static class GpuBuild
{
    /// <summary>satvidseg.dll of the GPU build (Release first, then Debug); null where none was built.</summary>
    public static string? Cli { get; } = new[] { "Release", "Debug" }
        .Select(c => Path.Combine(RepoPaths.Root, "src", "SatVideoSeg.Cli", "bin-gpu", c, "net10.0", "linux-x64", "satvidseg.dll"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs `dotnet <paramref name="dll"/> <paramref name="args"/>` to its end; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Output, string Errors) Run(string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
