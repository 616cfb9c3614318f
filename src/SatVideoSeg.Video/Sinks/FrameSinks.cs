namespace SatVideoSeg.Video.Sinks;

/// <summary>Opens the sink a file name asks for: .mp4 (H.264), .gif or .webp (animated images).</summary>
public static class FrameSinks
{
    /// <summary>The extensions accepted.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mp4", ".gif", ".webp"];

    /// <summary>Creates the sink for <paramref name="path"/>'s extension.</summary>
    public static IFrameSink Create(string path, int width, int height, double fps) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".mp4" => new H264FileSink(path, width, height, fps),
            ".gif" or ".webp" => new AnimatedImageSink(path, width, height, fps),
            var ext => throw new ArgumentException($"{path}: cannot write '{ext}' video; use one of {string.Join(", ", Extensions)}"),
        };
}
