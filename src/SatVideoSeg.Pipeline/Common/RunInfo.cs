using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>Versions and JSON settings shared by the run reports.</summary>
public static class RunInfo
{
    /// <summary>The toolkit's version.</summary>
    public static string ToolVersion { get; } =
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Versions of the tool and of what it runs on, for run.json.</summary>
    public static IReadOnlyDictionary<string, string> Versions() => new Dictionary<string, string>
    {
        ["satvidseg"] = ToolVersion,
        [".NET"] = Environment.Version.ToString(),
        ["onnxruntime"] = typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString() ?? "?",
        ["opencvsharp"] = typeof(OpenCvSharp.Cv2).Assembly.GetName().Version?.ToString() ?? "?",
        ["ffmpeg"] = Video.Ffmpeg.FfmpegTools.Version(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    /// <summary>Peak resident memory of this process in MB: VmHWM from /proc/self/status on Linux, else the peak working set.</summary>
    public static double PeakMemoryMB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:"));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out long kb))
                return Math.Round(kb / 1024.0, 1);
        }
        return Math.Round(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
    }

    /// <summary>Indented camelCase JSON, enums as strings.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
