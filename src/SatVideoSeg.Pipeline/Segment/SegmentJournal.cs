using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Makes a `segment` run resumable and correctable: every frame's segmenter output (before
/// overlaps are resolved and tracks linked) is appended to "&lt;out&gt;/.segment-journal.jsonl" and
/// flushed, with a hash of the prompts that produced it. A re-run with the same inputs and settings
/// replays each frame whose prompts are exactly the recorded ones instead of running the model, and
/// segments the others: an interrupted run resumes where it stopped, and a run given corrections
/// (<c>--corrections</c>) replays the frames before the first corrected one and re-runs the span after
/// it. Linking is deterministic, so replayed frames rebuild the same tracks and outputs, byte for byte.
/// The journal stays beside the outputs (a hidden file about the size of tracks.mots.txt) for the
/// next correction. Its first line holds a key over everything that shapes the masks besides the
/// prompts (input, boxes, model files, settings); a journal with another key is discarded, not
/// replayed. A last line cut short by a crash is dropped. Nothing is written before the first frame
/// is recorded, so a run that fails on its inputs leaves no journal.
/// </summary>
public sealed class SegmentJournal : IDisposable
{
    /// <summary>File name inside the output folder.</summary>
    public const string FileName = ".segment-journal.jsonl";

    // One JSON object per line (run.json's options indent).
    private static readonly JsonSerializerOptions Lines = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _path;
    private readonly Dictionary<int, JournalFrame> _replay;
    private readonly List<string> _kept;
    private StreamWriter? _writer;

    private SegmentJournal(string path, Dictionary<int, JournalFrame> replay, List<string> kept)
    {
        _path = path;
        _replay = replay;
        _kept = kept;
    }

    /// <summary>Opens the journal of <paramref name="outputDirectory"/>: resumes it when its key matches and <paramref name="resume"/> is set, else starts a new one.</summary>
    public static SegmentJournal Open(string outputDirectory, string key, bool resume)
    {
        string path = Path.Combine(outputDirectory, FileName);
        var lines = resume && File.Exists(path) ? ValidLines(path) : [];
        var replay = new Dictionary<int, JournalFrame>();
        if (lines.Count > 0 && lines[0] == Header(key))
        {
            foreach (var line in lines.Skip(1))
            {
                var frame = JsonSerializer.Deserialize<JournalFrame>(line, Lines)!;
                replay[frame.Frame] = frame;
            }
        }
        else
        {
            lines = [Header(key)];
        }
        return new SegmentJournal(path, replay, lines);
    }

    /// <summary>The recorded output of a frame when it was recorded with exactly these prompts; null otherwise.</summary>
    public IReadOnlyList<SegmentedObject>? TryReplay(int frameIndex, IReadOnlyList<ObjectPrompt> prompts, int width, int height)
    {
        if (!_replay.TryGetValue(frameIndex, out var recorded) || recorded.Prompts != PromptsHash(prompts)) return null;
        return prompts.Select((p, i) =>
        {
            var o = recorded.Objects[i];
            return new SegmentedObject(p, CocoRle.FromCompressedString(o.Rle, height, width).Decode(), o.PredictedIoU, o.Stability);
        }).ToArray();
    }

    /// <summary>Appends a frame's segmenter output for its prompts and flushes it to the OS (it survives the process being killed).</summary>
    public void Record(int frameIndex, IReadOnlyList<ObjectPrompt> prompts, IReadOnlyList<SegmentedObject> objects)
    {
        var frame = new JournalFrame(frameIndex, PromptsHash(prompts), objects
            .Select(o => new JournalObject(o.TrackId, CocoRle.Encode(o.Mask).ToCompressedString(), o.PredictedIoU, o.Stability))
            .ToArray());
        _writer ??= StartWriting();
        _writer.WriteLine(JsonSerializer.Serialize(frame, Lines));
        _writer.Flush();
    }

    /// <summary>Closes and deletes the journal: call when the run failed on something a re-run would meet again.</summary>
    public void Delete()
    {
        _writer?.Dispose();
        File.Delete(_path);
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();

    // Rewrites the header and the frames kept from the earlier run (dropping a torn last line),
    // then appends to them.
    private StreamWriter StartWriting()
    {
        AtomicFile.WriteAllText(_path, string.Join('\n', _kept) + '\n');
        return new StreamWriter(_path, append: true, new UTF8Encoding(false));
    }

    // Version 2 records each frame's prompts hash (version 1 journals are discarded).
    private static string Header(string key) => JsonSerializer.Serialize(new { journal = 2, key });

    // SHA-256 over everything of the prompts that the segmenter reads: ids, sources, boxes and
    // points, bit for bit. (A track's mask memory follows from the earlier frames: where those
    // replayed, it is the same.)
    private static string PromptsHash(IEnumerable<ObjectPrompt> prompts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        foreach (var p in prompts)
        {
            text.Append(p.TrackId).Append(' ').Append(p.Source).Append(' ').Append(Bits(p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1));
            text.Append(" +").Append(Bits(p.PositivePoints.SelectMany(q => new[] { q.X, q.Y }).ToArray()));
            text.Append(" -").Append(Bits(p.NegativePoints.SelectMany(q => new[] { q.X, q.Y }).ToArray()));
            if (p.Oriented is { } o) text.Append(" o").Append(o);
            text.Append('\n');
        }
        sha.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        return System.Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    private static string Bits(params double[] values) => string.Join(',', values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x")));

    // Lines up to the first that does not parse (a crash can cut the last one short).
    private static List<string> ValidLines(string path)
    {
        var valid = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                using var _ = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                break;
            }
            valid.Add(line);
        }
        return valid;
    }

    private sealed record JournalFrame(int Frame, string Prompts, IReadOnlyList<JournalObject> Objects);

    private sealed record JournalObject(int TrackId, string Rle, double PredictedIoU, double Stability);
}
