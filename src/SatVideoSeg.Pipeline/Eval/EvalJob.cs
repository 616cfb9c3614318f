using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Segmentation;
using SatVideoSeg.Core.Metrics.Tracking;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>
/// `satvidseg eval`: reads a prediction and its ground truth (formats detected), checks that their
/// sequences, frame counts and frame sizes agree, streams every sequence frame by frame through the
/// HOTA, CLEAR-MOTS, Identity, J&amp;F and IoU/boundary-IoU accumulators per class, combines the
/// results over sequences and classes, and writes metrics.json and metrics.csv atomically.
/// </summary>
public static class EvalJob
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonFile = "metrics.json";

    /// <summary>File name of the CSV table.</summary>
    public const string CsvFile = "metrics.csv";

    /// <summary>Runs the evaluation; input problems surface as <see cref="JobException"/> before anything is written.</summary>
    public static EvalReport Run(EvalOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
        => OutputFolder.Run(options.OutputDirectory, output => Run(options, output, progress, cancellationToken));

    private static EvalReport Run(EvalOptions options, OutputFolder output, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var gt = Open(options.GroundTruth, "ground truth", true, options.MotsFrameBase);
        cancellationToken.ThrowIfCancellationRequested();
        var pred = Open(options.Predicted, "prediction", false, options.MotsFrameBase, gt);
        cancellationToken.ThrowIfCancellationRequested();
        var pairs = Pair(gt, pred);
        var classes = pairs.SelectMany(p => p.Gt.Classes.Concat(p.Pred.Classes)).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) classes = [DavisSequence.ObjectClassName];

        int totalFrames = pairs.Sum(p => p.Frames), done = 0;
        var rows = new List<EvalScope>();
        var perClass = classes.ToDictionary(c => c, _ => new List<MetricBundle>());
        var infos = new List<EvalSequenceInfo>();
        foreach (var pair in pairs)
        {
            var bundles = EvaluateSequence(pair, classes, options, () => progress?.Report(new JobProgress("eval", ++done, totalFrames)), cancellationToken);
            foreach (var c in classes)
            {
                perClass[c].Add(bundles[c]);
                rows.Add(new EvalScope(pair.Name, c, EvalMetrics.From(bundles[c])));
            }
            rows.Add(new EvalScope(pair.Name, EvalReport.ClassAveraged, EvalMetrics.ClassAveraged(bundles.Values)));
            rows.Add(new EvalScope(pair.Name, EvalReport.DetAveraged, EvalMetrics.From(MetricBundle.DetAveraged(bundles.Values))));
            infos.Add(new EvalSequenceInfo(pair.Name, pair.Frames, pair.Width, pair.Height, pair.Gt.Source, pair.Pred.Source));
        }
        var combined = classes.ToDictionary(c => c, c => MetricBundle.CombineSequences(perClass[c]));
        foreach (var c in classes) rows.Add(new EvalScope(EvalReport.Combined, c, EvalMetrics.From(combined[c])));
        rows.Add(new EvalScope(EvalReport.Combined, EvalReport.ClassAveraged, EvalMetrics.ClassAveraged(combined.Values)));
        rows.Add(new EvalScope(EvalReport.Combined, EvalReport.DetAveraged, EvalMetrics.From(MetricBundle.DetAveraged(combined.Values))));

        var report = new EvalReport
        {
            Tool = $"satvidseg {RunInfo.ToolVersion}",
            FinishedUtc = DateTime.UtcNow.ToString("o"),
            GroundTruth = $"{gt.Path} ({gt.Format})",
            Predicted = $"{pred.Path} ({pred.Format})",
            Options = options,
            Sequences = infos,
            Classes = classes,
            Results = rows,
        };
        cancellationToken.ThrowIfCancellationRequested();
        output.Create();
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, JsonFile), JsonSerializer.Serialize(report, JsonOptions));
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, CsvFile), ToCsv(rows));
        return report;
    }

    /// <summary>metrics.json settings: the run-report style, NaN written as null.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(RunInfo.Json) { Converters = { new NanAsNullConverter() } };

    private static Dictionary<string, MetricBundle> EvaluateSequence(SequencePair pair, string[] classes, EvalOptions options, Action frameDone, CancellationToken ct)
    {
        int w = Math.Max(1, pair.Width), h = Math.Max(1, pair.Height);
        var acc = classes.ToDictionary(c => c, _ => new ClassAccumulators(
            new HotaAccumulator(), new ClearAccumulator(), new IdentityAccumulator(),
            new JandFAccumulator(pair.Frames, w, h, options.JandF), new SegmentationAccumulator(w, h, options.Segmentation)));
        using var gtFrames = pair.Gt.ReadFrames(pair.Frames).GetEnumerator();
        using var predFrames = pair.Pred.ReadFrames(pair.Frames).GetEnumerator();
        for (int t = 0; t < pair.Frames; t++)
        {
            ct.ThrowIfCancellationRequested();
            var gtFrame = Next(gtFrames);
            var predFrame = Next(predFrames);
            foreach (var c in classes)
            {
                var g = gtFrame.Objects.Where(o => o.ClassName == c).Select(o => new TrackedMask(o.TrackId, o.Mask)).ToArray();
                var p = IgnoreRegionFilter.Apply(g, predFrame.Objects.Where(o => o.ClassName == c).Select(o => new TrackedMask(o.TrackId, o.Mask)).ToArray(), gtFrame.IgnoreRegion);
                var a = acc[c];
                var similarity = FrameSimilarity.Compute(g, p);
                a.Hota.Add(similarity);
                a.Clear.Add(similarity);
                a.Identity.Add(similarity);
                a.JandF.Add(t, g, p, gtFrame.Void);
                a.Segmentation.Add(g, p);
            }
            frameDone();
        }
        return acc.ToDictionary(kv => kv.Key, kv => new MetricBundle(
            kv.Value.Hota.Compute(), kv.Value.Clear.Compute(), kv.Value.Identity.Compute(), kv.Value.JandF.Compute(), kv.Value.Segmentation.Compute()));
    }

    private static EvalFrame Next(IEnumerator<EvalFrame> frames)
    {
        try
        {
            if (!frames.MoveNext()) throw new InvalidOperationException("a sequence ended before its frame count");
            return frames.Current;
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static EvalInput Open(string path, string role, bool isGroundTruth, int frameBase, EvalInput? groundTruth = null)
    {
        try
        {
            return EvalInput.Open(path, role, isGroundTruth, frameBase, groundTruth);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static List<SequencePair> Pair(EvalInput gt, EvalInput pred)
    {
        var pairs = new List<(EvalSequence Gt, EvalSequence Pred)>();
        if (gt.Sequences.Count == 1 && pred.Sequences.Count == 1)
        {
            pairs.Add((gt.Sequences[0], pred.Sequences[0]));
        }
        else
        {
            var byName = pred.Sequences.ToDictionary(s => s.Name);
            var missing = gt.Sequences.Where(s => !byName.ContainsKey(s.Name)).Select(s => s.Name).ToArray();
            var extra = pred.Sequences.Select(s => s.Name).Except(gt.Sequences.Select(s => s.Name)).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                var parts = new List<string>();
                if (missing.Length > 0) parts.Add($"missing from the prediction {pred.Path}: {string.Join(", ", missing)}");
                if (extra.Length > 0) parts.Add($"not in the ground truth {gt.Path}: {string.Join(", ", extra)}");
                throw new JobException($"the sequences of {gt.Path} and {pred.Path} differ: {string.Join("; ", parts)}");
            }
            pairs.AddRange(gt.Sequences.Select(s => (s, byName[s.Name])));
        }
        return pairs.Select(p => Check(p.Gt, p.Pred)).ToList();
    }

    private static SequencePair Check(EvalSequence gt, EvalSequence pred)
    {
        bool gtSized = gt.Width > 0, predSized = pred.Width > 0;
        if (gtSized && predSized && (gt.Width != pred.Width || gt.Height != pred.Height))
            throw new JobException($"frame sizes differ: {gt.Source} is {gt.Width}x{gt.Height}, {pred.Source} is {pred.Width}x{pred.Height}");
        int frames;
        if (gt.FrameCountIsExact && pred.FrameCountIsExact && gt.FrameCount != pred.FrameCount)
            throw new JobException($"frame counts differ: {gt.Source} has {gt.FrameCount} frames, {pred.Source} has {pred.FrameCount}");
        if (gt.FrameCountIsExact)
        {
            if (pred.FrameCount > gt.FrameCount)
                throw new JobException($"frame counts differ: {pred.Source} has objects in frame {pred.FrameCount} but {gt.Source} has only {gt.FrameCount} frames");
            frames = gt.FrameCount;
        }
        else
        {
            // A MOTS file only tells the last frame with an object. The ground truth's last object
            // ends what can be scored: a prediction with objects after it belongs to a longer video
            // (issue 20: a 600-frame prediction was scored against 90-frame ground truth, MOTSA -450).
            if (pred.FrameCountIsExact && gt.FrameCount > pred.FrameCount)
                throw new JobException($"frame counts differ: {gt.Source} has objects in frame {gt.FrameCount} but {pred.Source} has only {pred.FrameCount} frames");
            if (!pred.FrameCountIsExact && pred.FrameCount > gt.FrameCount)
                throw new JobException($"frame counts differ: {pred.Source} has objects in frame {pred.FrameCount} but {gt.Source} has none after frame {gt.FrameCount}; " +
                    "if the video is longer than its last annotated object, give the ground truth as a MOTSChallenge folder whose seqinfo.ini says seqLength");
            frames = pred.FrameCountIsExact ? pred.FrameCount : gt.FrameCount;
        }
        return new SequencePair(gt.Name, gt, pred, frames, gtSized ? gt.Width : pred.Width, gtSized ? gt.Height : pred.Height);
    }

    private static string ToCsv(IEnumerable<EvalScope> rows)
    {
        var props = typeof(EvalMetrics).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        var sb = new StringBuilder();
        sb.Append("sequence,class,").AppendJoin(',', props.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(Quote(r.Sequence)).Append(',').Append(Quote(r.Class));
            foreach (var p in props)
            {
                sb.Append(',');
                object? v = p.GetValue(r.Metrics);
                sb.Append(v switch
                {
                    double d when double.IsNaN(d) => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v?.ToString() ?? "",
                });
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    private sealed record SequencePair(string Name, EvalSequence Gt, EvalSequence Pred, int Frames, int Width, int Height);

    private sealed record ClassAccumulators(HotaAccumulator Hota, ClearAccumulator Clear, IdentityAccumulator Identity, JandFAccumulator JandF, SegmentationAccumulator Segmentation);

    private sealed class NanAsNullConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
