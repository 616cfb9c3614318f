namespace SatVideoSeg.Video.Sinks;

/// <summary>Opens the sink a file name asks for: .mp4 (H.264), .gif or .webp (animated images).</summary>
public static class FrameSinks
{
    /// <summary>The extensions accepted.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mp4", ".gif", ".webp"];

    /// <summary>Creates the sink for <paramref name="path"/>'s extension, or <paramref name="publishedAs"/>'s when <paramref name="path"/> is a staged name (which ends in .partial).</summary>
    public static IFrameSink Create(string path, int width, int height, double fps, string? publishedAs = null) =>
        Path.GetExtension(publishedAs ?? path).ToLowerInvariant() switch
        {
            ".mp4" => new H264FileSink(path, width, height, fps),
            var animated and (".gif" or ".webp") => new AnimatedImageSink(path, width, height, fps, animated),
            var ext => throw new ArgumentException($"{path}: cannot write '{ext}' video; use one of {string.Join(", ", Extensions)}"),
        };
}
