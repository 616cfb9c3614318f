using System.CommandLine;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Segmentation;
using SatVideoSeg.Pipeline.Eval;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg eval`: one call of <see cref="EvalJob.Run"/>, then the results as a table.</summary>
public static class EvalCommand
{
    private const string Examples = """

        Examples:
          satvidseg eval --pred out/demo/tracks.mots.txt --gt videos/synth-sample/gt.mots.txt --out out/demo/eval
          satvidseg eval --pred trackers/mine/data --gt gt/MOTS --out out/eval     (MOTSChallenge layout)
          satvidseg eval --pred results/osvos --gt DAVIS/Annotations/480p --out out/davis
          satvidseg eval --pred results.json --gt valid.json --jf-matching HungarianJandF --out out/vis
        """;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var pred = new Option<string>("--pred", "-p") { Description = "Prediction: MOTS txt file, tracker folder of <seq>.txt (or its data/), DAVIS folder of <seq>/00000.png, or YouTube-VIS results JSON (with a YouTube-VIS --gt).", Required = true };
        var gt = new Option<string>("--gt", "-g") { Description = "Ground truth: MOTS txt file, MOTSChallenge folder (<seq>/gt/gt.txt + seqinfo.ini), DAVIS folder, or YouTube-VIS JSON.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output folder for metrics.json and metrics.csv.", Required = true };
        var frameBase = new Option<int>("--mots-frame-base") { Description = "First frame number in MOTS files: 1 (MOTSChallenge) or 0 (KITTI).", DefaultValueFactory = _ => 1 };
        var matching = new Option<JandFMatching>("--jf-matching") { Description = "J&F object pairing: ById (DAVIS semi-supervised), HungarianJandF (DAVIS unsupervised) or HungarianJ (TrackEval).", DefaultValueFactory = _ => JandFMatching.ById };
        var allFrames = new Option<bool>("--jf-all-frames") { Description = "Score J&F on every frame (default: skip the first and last, as DAVIS semi-supervised)." };
        var jfThreshold = new Option<double>("--jf-boundary") { Description = "J&F boundary tolerance: fraction of the diagonal (<1) or whole pixels (>=1).", DefaultValueFactory = _ => DavisBoundary.DefaultBoundaryThreshold };
        var biouRatio = new Option<double>("--biou-ratio") { Description = "Boundary IoU band as a fraction of the frame diagonal.", DefaultValueFactory = _ => BoundaryIoU.DefaultDilationRatio };
        var biouFixed = new Option<int>("--biou-pixels") { Description = "Second, fixed boundary IoU band in pixels (for tiny objects).", DefaultValueFactory = _ => 2 };

        var command = new Command("eval", "Score predicted mask tracks against ground truth: HOTA (DetA, AssA), CLEAR-MOTS (MOTSA, sMOTSA, MOTSP, IDSW, FP, FN), IDF1, DAVIS J&F, IoU and boundary IoU; per sequence, per class and combined." + Examples)
        {
            pred, gt, output, frameBase, matching, allFrames, jfThreshold, biouRatio, biouFixed,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new EvalOptions(parse.GetValue(pred)!, parse.GetValue(gt)!, parse.GetValue(output)!)
            {
                MotsFrameBase = parse.GetValue(frameBase),
                JandF = new JandFOptions { Matching = parse.GetValue(matching), SkipFirstAndLastFrame = !parse.GetValue(allFrames), BoundaryThreshold = parse.GetValue(jfThreshold) },
                Segmentation = new SegmentationOptions { DilationRatio = parse.GetValue(biouRatio), FixedBandPixels = parse.GetValue(biouFixed) },
            };
            EvalReport? report = null;
            int code = JobRunner.Run(console, errors, "eval", progress => report = EvalJob.Run(options, progress, cancellationToken), cancellationToken);
            if (report is not null)
            {
                console.Write(ToTable(report));
                console.MarkupLineInterpolated($"[green]done[/]: {report.Sequences.Count} sequences, {report.Sequences.Sum(s => s.Frames)} frames, classes {string.Join(", ", report.Classes)} -> {Path.Combine(options.OutputDirectory, EvalJob.JsonFile)}, {EvalJob.CsvFile}");
                console.WriteLine("cls_avg = mean over classes; det_avg = detections pooled over classes; COMBINED = all sequences (TrackEval's combination rules).");
            }
            return Task.FromResult(code);
        });
        return command;
    }

    // Headline numbers in percent; everything else is in metrics.csv / metrics.json. Rows: each sequence
    // (all classes pooled), then all sequences per class and both class combinations.
    private static Table ToTable(EvalReport report)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var name in (string[])["scope", "HOTA", "DetA", "AssA", "MOTSA", "sMOTSA", "IDSW", "IDF1", "J&F", "IoU", "BIoU"])
        {
            var column = new TableColumn(name).PadLeft(0).PadRight(1).NoWrap();
            table.AddColumn(name == "scope" ? column : column.RightAligned());
        }
        bool oneClass = report.Classes.Count == 1;
        foreach (var r in report.Results)
        {
            bool combinedRow = r.Sequence == EvalReport.Combined;
            bool keep = oneClass
                ? r.Class == report.Classes[0]
                : combinedRow || r.Class == EvalReport.DetAveraged;
            if (!keep) continue;
            string scope = combinedRow ? (oneClass ? "all" : $"all/{r.Class}") : r.Sequence;
            var m = r.Metrics;
            table.AddRow(Markup.Escape(scope), F(m.Hota), F(m.DetA), F(m.AssA), F(m.Motsa), F(m.SMotsa), m.Idsw.ToString(), F(m.Idf1), F(m.JandF), F(m.ObjectIoU), F(m.ObjectBIoU));
        }
        return table;
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : (100 * v).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
