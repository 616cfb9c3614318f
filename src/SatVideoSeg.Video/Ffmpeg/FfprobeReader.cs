using System.Globalization;
using System.Text.Json;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Video.Ffmpeg;

/// <summary>Reads a video's size, frame rate and frame count with ffprobe.</summary>
public static class FfprobeReader
{
    /// <summary>Probes the first video stream of a file.</summary>
    public static VideoInfo Probe(string path)
    {
        if (!File.Exists(path)) throw new VideoFormatException($"{path}: no such file");
        string json = FfmpegTools.Run("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries",
             "stream=width,height,avg_frame_rate,r_frame_rate,nb_frames,duration:format=duration", "-of", "json", path],
            $"{path}: not a readable video");
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            throw new VideoFormatException($"{path}: no video stream");
        var s = streams[0];
        int width = s.GetProperty("width").GetInt32();
        int height = s.GetProperty("height").GetInt32();
        double fps = ParseRate(Str(s, "avg_frame_rate")) ?? ParseRate(Str(s, "r_frame_rate")) ?? 25;
        int? count = int.TryParse(Str(s, "nb_frames"), out int n) && n > 0 ? n : null;
        if (count is null)
        {
            // Containers without a frame count (mkv, raw streams): estimate from the duration.
            string? duration = Str(s, "duration") ?? (doc.RootElement.TryGetProperty("format", out var f) ? Str(f, "duration") : null);
            if (double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0)
                count = (int)Math.Round(d * fps);
        }
        return new VideoInfo(path, width, height, fps, count);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static double? ParseRate(string? rate)
    {
        if (string.IsNullOrEmpty(rate)) return null;
        var parts = rate.Split('/');
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double num)) return null;
        double den = parts.Length > 1 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 1;
        return num > 0 && den > 0 ? num / den : null;
    }
}
