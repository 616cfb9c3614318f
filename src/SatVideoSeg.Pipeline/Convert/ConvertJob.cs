using System.Globalization;
using System.Text.Json;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// `satvidseg convert`: turns a tracking benchmark into segmentation datasets (MOTS, YouTube-VIS,
/// DAVIS). Steps: 1. read every sequence (sorted by name); 2. keep this shard's ones; 3. for each,
/// skip it when its done marker (status/&lt;seq&gt;.json) exists, else convert it and publish its
/// files together with the marker last; 4. write report.json over every finished sequence and,
/// once all are finished, the merged files (ytvis/instances.json, davis/ImageSets/all.txt), also
/// published together. Each set is staged and renamed into place only once complete
/// (<see cref="StagedOutputs"/>), and no file holds a timestamp, so an interrupted run that is
/// resumed ends with the same bytes as an uninterrupted one.
/// </summary>
public static class ConvertJob
{
    /// <summary>YouTube-VIS categories written (our class ids).</summary>
    public static IReadOnlyList<YtvisCategory> Categories { get; } =
        [.. ObjectClasses.Known.Select(c => new YtvisCategory((int)c, ObjectClasses.Name(c))), new YtvisCategory((int)ObjectClass.Unknown, ObjectClasses.Name(ObjectClass.Unknown))];

    /// <summary>Runs the job (see the type's remarks); returns the report written.</summary>
    public static ConvertReport Run(ConvertOptions options, IProgress<ConvertProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new JobException("invalid convert options: " + string.Join("; ", problems));
        // Shared: shards of one conversion write into one folder, each sequence locked on its own
        // (SequenceLock); any other kind of run into the folder is refused.
        // A run that failed before writing any file leaves no folder behind (a later one keeps
        // what earlier sequences finished).
        return OutputFolder.Run(options.OutputDirectory, folder => Run(options, folder, progress, cancellationToken), shared: true);
    }

    private static ConvertReport Run(ConvertOptions options, OutputFolder folder, IProgress<ConvertProgress>? progress, CancellationToken cancellationToken)
    {
        var (layout, sequences) = Read(options);
        string output = options.OutputDirectory;
        folder.Create();

        var mine = sequences.Select((s, k) => (Sequence: s, VideoId: k + 1)).Where(p => options.Shard.Owns(p.VideoId - 1)).ToArray();
        ISegmenter? segmenter = null;
        try
        {
            for (int n = 0; n < mine.Length; n++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (sequence, videoId) = mine[n];
                string marker = ConvertPaths.Status(output, sequence.Name);
                if (Skip(options, sequence, marker, n, mine.Length, progress)) continue;
                // Two runs converting one sequence would write the same files: the second stops at
                // once. After the lock, the marker is read again: a shard may have just finished it.
                Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
                using var sequenceLock = OutputLock.Take(ConvertPaths.SequenceLock(output, sequence.Name), $"--out {output}: sequence {sequence.Name}");
                if (Skip(options, sequence, marker, n, mine.Length, progress)) continue;
                segmenter ??= SegmenterFactory.Create(options.Segmenter, options.Model, options.Threads, options.Device);
                int number = n + 1;
                // A stopped or failed sequence leaves none of its files (its staged ones are deleted);
                // the done marker is published last, so a sequence counts only once all its files are in place.
                using var staged = new StagedOutputs(ownsDestinations: true); // the sequence's lock
                var summary = new SequenceConverter(options, segmenter, videoId).Convert(sequence, staged,
                    (doneFrames, total) => progress?.Report(new ConvertProgress(sequence.Name, number, mine.Length, doneFrames, total, SequenceState.Running)),
                    cancellationToken);
                AtomicFile.WriteAllText(staged.Stage(marker), JsonSerializer.Serialize(summary, RunInfo.Json) + "\n");
                staged.Publish();
                progress?.Report(new ConvertProgress(sequence.Name, number, mine.Length, summary.Frames, summary.Frames, SequenceState.Finished));
            }
        }
        finally
        {
            segmenter?.Dispose();
        }
        return Finish(options, layout, sequences);
    }

    // A sequence with a done marker (of these settings) is skipped.
    private static bool Skip(ConvertOptions options, BenchmarkSequence sequence, string marker, int n, int count, IProgress<ConvertProgress>? progress)
    {
        if (ReadMarker(marker) is not { } done) return false;
        if (done.Settings != Settings(options))
            throw new JobException($"{marker}: this output folder was converted with other settings ({done.Settings}, now {Settings(options)}); use another --out or delete it");
        progress?.Report(new ConvertProgress(sequence.Name, n + 1, count, done.Frames, done.Frames, SequenceState.Skipped));
        return true;
    }

    /// <summary>The settings that decide output bytes, as one string stored in each done marker.</summary>
    public static string Settings(ConvertOptions o) =>
        string.Create(CultureInfo.InvariantCulture,
            $"to={ConvertTargetNames.Format(o.Targets)};segmenter={o.Segmenter};model={o.Model ?? "default"};motsFrameBase={o.MotsFrameBase};rle={(o.CompressedRle ? "compressed" : "uncompressed")};review={o.ReviewBelowIoU}/{o.ReviewBelowFill}")
        // Added after the first release: only a non-default policy is spelled out, so older done markers still match.
        + (o.DamagedFrames == Video.Sources.DamagedFramePolicy.Fail ? "" : $";damaged={o.DamagedFrames.ToString().ToLowerInvariant()}");

    private static (BenchmarkLayout, IReadOnlyList<BenchmarkSequence>) Read(ConvertOptions options)
    {
        try
        {
            return BenchmarkReader.Load(options.Root, options.From);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static SequenceSummary? ReadMarker(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SequenceSummary>(File.ReadAllText(path), RunInfo.Json);
        }
        catch (JsonException e)
        {
            throw new JobException($"{path}: unreadable done marker ({e.Message}); delete it to convert the sequence again", e);
        }
    }

    // Step 4: the report over every finished sequence (any shard's), and the merged files once all are done.
    private static ConvertReport Finish(ConvertOptions options, BenchmarkLayout layout, IReadOnlyList<BenchmarkSequence> sequences)
    {
        string output = options.OutputDirectory;
        using var staged = new StagedOutputs();
        if (options.Targets.HasFlag(ConvertTargets.Mots)) MotsClassMap.Save(staged.Stage(ConvertPaths.MotsClassMap(output)));
        var done = sequences.Select(s => ReadMarker(ConvertPaths.Status(output, s.Name))).Where(m => m is not null).Select(m => m!).ToArray();
        bool complete = done.Length == sequences.Count;
        var flags = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in done)
            foreach (var (k, v) in d.Flags) flags[k] = flags.GetValueOrDefault(k) + v;
        var review = done.SelectMany(d => d.Review).OrderBy(r => r.PredictedIoU).ThenBy(r => r.Sequence, StringComparer.Ordinal).ThenBy(r => r.Frame).ThenBy(r => r.Id).ToArray();
        var report = new ConvertReport
        {
            Tool = $"satvidseg {RunInfo.ToolVersion}",
            Root = options.Root,
            Layout = BenchmarkReader.Name(layout),
            Targets = ConvertTargetNames.Format(options.Targets),
            Segmenter = options.Segmenter,
            Sequences = sequences.Count,
            SequencesDone = done.Length,
            Complete = complete,
            Frames = done.Sum(d => d.Frames),
            Objects = done.Sum(d => d.Objects.Count),
            ObjectFrames = done.Sum(d => d.ObjectFrames),
            ObjectsPerClass = new SortedDictionary<string, int>(done.SelectMany(d => d.Objects).GroupBy(o => o.Class).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal),
            Flags = flags,
            PerSequence = done.Select(d => (object)new { d.Name, d.Frames, objects = d.Objects.Count, d.ObjectFrames, d.SixteenBitPng, d.Flags }).ToArray(),
            Pending = sequences.Select(s => s.Name).Except(done.Select(d => d.Name)).ToArray(),
            Review = review.Take(options.ReviewLimit).ToArray(),
            ReviewLeftOut = Math.Max(0, review.Length - options.ReviewLimit),
            IdMaps = done.Any(d => d.IdMaps is not null) ? done.SelectMany(d => d.IdMaps ?? []).ToArray() : null,
        };
        AtomicFile.WriteAllText(staged.Stage(ConvertPaths.Report(output)), JsonSerializer.Serialize(report, RunInfo.Json) + "\n");
        ConvertReportPage.Write(staged.Stage(ConvertPaths.ReportPage(output)), report);
        if (complete)
        {
            if (options.Targets.HasFlag(ConvertTargets.Ytvis)) MergeYtvis(options, sequences, staged.Stage(ConvertPaths.YtvisMerged(output)));
            if (options.Targets.HasFlag(ConvertTargets.Davis))
                AtomicFile.WriteAllText(staged.Stage(ConvertPaths.DavisImageSet(output)), string.Concat(sequences.Select(s => s.Name + "\n")));
        }
        staged.Publish();
        return report;
    }

    // Annotation ids are renumbered 1.. over the whole dataset in sequence order.
    private static void MergeYtvis(ConvertOptions options, IReadOnlyList<BenchmarkSequence> sequences, string path)
    {
        var videos = new List<YtvisVideo>();
        var annotations = new List<YtvisAnnotation>();
        foreach (var s in sequences)
        {
            var part = YtvisFormat.Load(ConvertPaths.YtvisVideo(options.OutputDirectory, s.Name));
            videos.AddRange(part.Videos);
            int first = annotations.Count + 1;
            annotations.AddRange(part.Annotations.Select((a, k) => a with { Id = first + k }));
        }
        YtvisFormat.Save(path, new YtvisDataset(videos, annotations, Categories), options.CompressedRle);
    }
}
