using System.Diagnostics;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// Runs the project's own Python tools (training/*.py) with Debian's interpreter, which has
/// torch and OpenCV (scripts/setup-debian.sh installs them; the python3 first on PATH may not).
/// </summary>
public static class TrainingPython
{
    /// <summary>The interpreter with Debian's python3-torch.</summary>
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} is absent";
        var (code, _, errors) = Start(["-c", "import torch, cv2, onnx"], TimeSpan.FromMinutes(1));
        return code == 0 ? null : $"{Interpreter} cannot import torch, cv2 and onnx ({errors.Trim()}); run scripts/setup-debian.sh";
    });

    /// <summary>Why the tools cannot run here, or null when they can.</summary>
    public static string? WhyUnavailable => Missing.Value;

    /// <summary>Why a test needing the tools and the real samples <paramref name="realData"/> cannot run, or null.</summary>
    public static string? WhySkip(string[] realData) =>
        realData.Where(f => !Directory.Exists(RealData.Path(f))).Select(f => $"needs the real sample {RealData.Path(f)}, absent on this machine").FirstOrDefault()
        ?? WhyUnavailable;

    /// <summary>Runs training/<paramref name="script"/>; a non-zero exit fails the test with the script's stderr.</summary>
    public static string Run(string script, params string[] args)
    {
        var (code, output, errors) = Start([Path.Combine(RepoPaths.Root, "training", script), .. args], TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"training/{script} {string.Join(' ', args)} exited {code}:\n{errors}");
        return output;
    }

    /// <summary>Runs a short Python program (`python3 -c`) with <paramref name="args"/> as sys.argv[1:]; a non-zero exit fails the test.</summary>
    public static string RunCode(string code, params string[] args)
    {
        var (exit, output, errors) = Start(["-c", code, .. args], TimeSpan.FromMinutes(2));
        if (exit != 0) throw new InvalidOperationException($"python3 -c ... exited {exit}:\n{errors}");
        return output;
    }

    private static (int Code, string Output, string Errors) Start(string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = "2";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', args)} ran past {timeout}");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}

/// <summary>A fact that needs <see cref="TrainingPython"/> and the named real samples; skipped with the reason where they are absent.</summary>
public sealed class TrainingPythonFactAttribute : FactAttribute
{
    public TrainingPythonFactAttribute(params string[] realData) => Skip = TrainingPython.WhySkip(realData);
}

/// <summary>A theory that needs <see cref="TrainingPython"/> and the named real samples; skipped with the reason where they are absent.</summary>
public sealed class TrainingPythonTheoryAttribute : TheoryAttribute
{
    public TrainingPythonTheoryAttribute(params string[] realData) => Skip = TrainingPython.WhySkip(realData);
}
