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
/// Mask memory (models that take the previous mask) is not in the replayed masks: the tracks'
/// memory is saved every <see cref="MemoryEvery"/> frames (<see cref="MemorySnapshot"/>, beside the
/// journal), frames after the last snapshot are segmented again once memory has appeared, and the
/// snapshot is restored after its frame is replayed, so a resumed run continues as the interrupted one would have.
/// </summary>
public sealed class SegmentJournal : IDisposable
{
    /// <summary>File name inside the output folder.</summary>
    public const string FileName = ".segment-journal.jsonl";

    /// <summary>File name of the tracks' mask memory, beside the journal.</summary>
    public const string MemoryFileName = ".segment-memory.bin";

    /// <summary>
    /// Frames between memory snapshots: a resumed run re-segments at most this many frames more than
    /// it must; each snapshot costs the memory's size (16 KB a track for 64 x 64 logits).
    /// </summary>
    public const int MemoryEvery = 25;

    // One JSON object per line (run.json's options indent).
    private static readonly JsonSerializerOptions Lines = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _path;
    private readonly string _key;
    private readonly Dictionary<int, JournalFrame> _replay;
    private readonly List<string> _kept;
    private readonly MemorySnapshot? _snapshot;
    // Frames from the first whose masks carried memory on are replayed only up to the snapshot.
    private readonly int _firstMemoryFrame;
    private int? _lastSnapshotFrame;
    // Set once this run has segmented masks with memory: replaying a later frame would drop it.
    private bool _memoryLive;
    private StreamWriter? _writer;

    private SegmentJournal(string path, string key, Dictionary<int, JournalFrame> replay, List<string> kept, MemorySnapshot? snapshot)
    {
        _path = path;
        _key = key;
        _replay = replay;
        _kept = kept;
        _snapshot = snapshot;
        _firstMemoryFrame = replay.Values.Where(f => f.Memory).Select(f => f.Frame).DefaultIfEmpty(int.MaxValue).Min();
        _lastSnapshotFrame = snapshot?.Frame;
    }

    private string MemoryPath => Path.Combine(Path.GetDirectoryName(_path)!, MemoryFileName);

    /// <summary>Opens the journal of <paramref name="outputDirectory"/>: resumes it when its key matches and <paramref name="resume"/> is set, else starts a new one.</summary>
    public static SegmentJournal Open(string outputDirectory, string key, bool resume)
    {
        string path = Path.Combine(outputDirectory, FileName);
        var lines = resume && File.Exists(path) ? ValidLines(path) : [];
        var replay = new Dictionary<int, JournalFrame>();
        MemorySnapshot? snapshot = null;
        if (lines.Count > 0 && lines[0] == Header(key))
        {
            foreach (var line in lines.Skip(1))
            {
                var frame = JsonSerializer.Deserialize<JournalFrame>(line, Lines)!;
                replay[frame.Frame] = frame;
            }
            snapshot = MemorySnapshot.Load(Path.Combine(outputDirectory, MemoryFileName), key);
        }
        else
        {
            lines = [Header(key)];
        }
        return new SegmentJournal(path, key, replay, lines, snapshot);
    }

    /// <summary>The recorded output of a frame when it was recorded with exactly these prompts; null otherwise.</summary>
    public IReadOnlyList<SegmentedObject>? TryReplay(int frameIndex, IReadOnlyList<ObjectPrompt> prompts, int width, int height)
    {
        if (!Holds(frameIndex, prompts)) return null;
        var recorded = _replay[frameIndex];
        return prompts.Select((p, i) =>
        {
            var o = recorded.Objects[i];
            return new SegmentedObject(p, CocoRle.FromCompressedString(o.Rle, height, width).Decode(), o.PredictedIoU, o.Stability);
        }).ToArray();
    }

    /// <summary>Whether <see cref="TryReplay"/> would replay the frame now (without decoding its masks).</summary>
    public bool Holds(int frameIndex, IReadOnlyList<ObjectPrompt> prompts)
    {
        if (!_replay.TryGetValue(frameIndex, out var recorded) || recorded.Prompts != PromptsHash(prompts)) return false;
        return !(_memoryLive || (frameIndex >= _firstMemoryFrame && frameIndex > (_snapshot?.Frame ?? -1))); // the memory after it is not saved
    }

    /// <summary>Appends a frame's segmenter output for its prompts and flushes it to the OS (it survives the process being killed).</summary>
    public void Record(int frameIndex, IReadOnlyList<ObjectPrompt> prompts, IReadOnlyList<SegmentedObject> objects)
    {
        var frame = new JournalFrame(frameIndex, PromptsHash(prompts), objects
            .Select(o => new JournalObject(o.TrackId, CocoRle.Encode(o.Mask).ToCompressedString(), o.PredictedIoU, o.Stability))
            .ToArray(), Memory: objects.Any(o => o.Memory is not null));
        _memoryLive |= frame.Memory;
        _writer ??= StartWriting();
        _writer.WriteLine(JsonSerializer.Serialize(frame, Lines));
        _writer.Flush();
    }

    /// <summary>The tracks' mask memory after a replayed frame, where the snapshot was taken after it; else null.</summary>
    public IReadOnlyDictionary<int, MaskLogits>? MemoryAfter(int frameIndex) => !_memoryLive && _snapshot?.Frame == frameIndex ? _snapshot.Memory : null;

    /// <summary>
    /// Saves the tracks' mask memory after a segmented frame when <see cref="MemoryEvery"/> frames
    /// have passed since the last snapshot, or none was taken yet (none while there is no memory).
    /// <paramref name="memory"/> is asked only then.
    /// </summary>
    public void RecordMemory(int frameIndex, Func<IReadOnlyDictionary<int, MaskLogits>> memory)
    {
        if (frameIndex - _lastSnapshotFrame < MemoryEvery) return;
        var tracks = memory();
        if (tracks.Count == 0) return;
        new MemorySnapshot(frameIndex, tracks).Save(MemoryPath, _key);
        _lastSnapshotFrame = frameIndex;
    }

    /// <summary>Closes and deletes the journal: call when the run failed on something a re-run would meet again.</summary>
    public void Delete()
    {
        _writer?.Dispose();
        File.Delete(_path);
        File.Delete(MemoryPath);
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();

    // Rewrites the header and the frames kept from the earlier run (dropping a torn last line),
    // then appends to them.
    private StreamWriter StartWriting()
    {
        // A snapshot not read at the start belongs to no frame kept here (another run's, or one not resumed).
        if (_snapshot is null) File.Delete(MemoryPath);
        AtomicFile.WriteAllText(_path, string.Join('\n', _kept) + '\n');
        return new StreamWriter(_path, append: true, new UTF8Encoding(false));
    }

    // Version 2 records each frame's prompts hash, version 3 whether its masks carried memory
    // (older journals are discarded).
    private static string Header(string key) => JsonSerializer.Serialize(new { journal = 3, key });

    // SHA-256 over everything of the prompts that the segmenter reads: ids, sources, boxes and
    // points, bit for bit. (A track's mask memory follows from the earlier frames: where those
    // replayed up to a memory snapshot, it is the same.)
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

    private sealed record JournalFrame(int Frame, string Prompts, IReadOnlyList<JournalObject> Objects, bool Memory);

    private sealed record JournalObject(int TrackId, string Rle, double PredictedIoU, double Stability);
}
