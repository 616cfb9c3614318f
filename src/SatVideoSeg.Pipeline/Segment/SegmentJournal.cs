using System.Text;
using System.Text.Json;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Makes an interrupted `segment` run resumable: every frame's segmenter output (before overlaps
/// are resolved and tracks linked) is appended to "&lt;out&gt;/.segment-journal.jsonl" and flushed.
/// A re-run with the same inputs and settings replays those frames instead of running the model;
/// linking is deterministic, so it rebuilds the same tracks and the same predicted prompts, and
/// the outputs are byte-identical to an uninterrupted run. The journal is deleted when the run's
/// outputs are committed. Its first line holds a key over everything that shapes the masks
/// (input, boxes, model files, settings); a journal with another key is discarded, not replayed.
/// A last line cut short by a crash is dropped. Nothing is written before the first frame is
/// recorded, so a run that fails on its inputs leaves no journal.
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

    /// <summary>The recorded output of a frame, matched to this run's prompts; null when the frame was not recorded.</summary>
    /// <exception cref="JobException">The record does not match the prompts (the inputs changed in a way the key missed); the job then deletes the journal.</exception>
    public IReadOnlyList<SegmentedObject>? TryReplay(int frameIndex, IReadOnlyList<ObjectPrompt> prompts, int width, int height)
    {
        if (!_replay.TryGetValue(frameIndex, out var recorded)) return null;
        if (recorded.Objects.Count != prompts.Count || recorded.Objects.Where((o, i) => o.TrackId != prompts[i].TrackId).Any())
            throw new JobException($"{_path}: frame {frameIndex + 1} was recorded with tracks [{string.Join(",", recorded.Objects.Select(o => o.TrackId))}] " +
                $"but is now prompted with [{string.Join(",", prompts.Select(p => p.TrackId))}]: the journal does not match this run and is deleted; run again");
        return prompts.Select((p, i) =>
        {
            var o = recorded.Objects[i];
            return new SegmentedObject(p, CocoRle.FromCompressedString(o.Rle, height, width).Decode(), o.PredictedIoU, o.Stability);
        }).ToArray();
    }

    /// <summary>Appends a frame's segmenter output and flushes it to the OS (it survives the process being killed).</summary>
    public void Record(int frameIndex, IReadOnlyList<SegmentedObject> objects)
    {
        var frame = new JournalFrame(frameIndex, objects
            .Select(o => new JournalObject(o.TrackId, CocoRle.Encode(o.Mask).ToCompressedString(), o.PredictedIoU, o.Stability))
            .ToArray());
        _writer ??= StartWriting();
        _writer.WriteLine(JsonSerializer.Serialize(frame, Lines));
        _writer.Flush();
    }

    /// <summary>Closes and deletes the journal: call once the outputs are committed, or when the run failed on something a re-run would meet again.</summary>
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

    private static string Header(string key) => JsonSerializer.Serialize(new { journal = 1, key });

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

    private sealed record JournalFrame(int Frame, IReadOnlyList<JournalObject> Objects);

    private sealed record JournalObject(int TrackId, string Rle, double PredictedIoU, double Stability);
}
