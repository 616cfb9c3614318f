using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The journal key of a segment run: a SHA-256 over everything that shapes its masks: the input
/// (path, and size and modification time of each file), the box file's bytes, the model's files
/// (name, size and modification time: hashing a multi-GB export per run would cost seconds),
/// and the settings that change prompts or masks. Settings that only change speed (threads,
/// batch size) or the rendering (overlay, report) are left out, so a resumed run may change them;
/// so is the corrections file: the journal replays a frame only for the prompts it was recorded
/// with, so a corrected run replays the frames before its first correction and no others.
/// </summary>
public static class SegmentJournalKey
{
    /// <summary>The key for <paramref name="options"/>.</summary>
    public static string For(SegmentOptions options)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var settings = new
        {
            input = Path.GetFullPath(options.Input),
            options.Segmenter,
            options.Device,
            boxFormat = options.BoxFormat.ToString(),
            options.Fps,
            sizePolicy = options.SizePolicy.ToString(),
            options.BoxesEvery,
            options.InitOnly,
            options.IgnoreIds,
            options.Appearance,
            propagate = options.Propagate.ToString(),
        };
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(settings));
        AppendFiles(sha, options.Input);
        sha.AppendData(File.ReadAllBytes(options.Boxes));
        if (options.Segmenter.StartsWith("sam", StringComparison.Ordinal) && Directory.Exists(options.Model ?? SegmenterFactory.DefaultModelFolder))
            AppendFiles(sha, options.Model ?? SegmenterFactory.DefaultModelFolder);
        return System.Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    // Name, size and modification time of a file, or of each file of a folder in name order.
    private static void AppendFiles(IncrementalHash sha, string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path).Order(StringComparer.Ordinal).ToArray() : [path];
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            sha.AppendData(Encoding.UTF8.GetBytes($"{info.Name}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n"));
        }
    }
}
