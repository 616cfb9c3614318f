using System.CommandLine;
using SatVideoSeg.Pipeline.Render;
using SatVideoSeg.Video.Rendering;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>`satvidseg render`: one call of <see cref="RenderJob.Run"/>.</summary>
public static class RenderCommand
{
    private const string Examples = """

        Examples:
          satvidseg render videos/synth-sample/video.mp4 --tracks out/demo/tracks.mots.txt --out out/demo/render.mp4 --trail 15 --insets
          satvidseg render videos/synth-sample/video.mp4 --tracks out/demo/tracks.mots.txt --compare videos/synth-sample/gt.mots.txt --out out/compare.mp4 --report out/compare.html
          satvidseg render frames/ --tracks tracks.mots.txt --out clip.gif --contours-only --contact-sheet sheet.png
        """;

    private static readonly Dictionary<string, CompareMode> Modes = new()
    {
        ["difference"] = CompareMode.Difference,
        ["side-by-side"] = CompareMode.SideBySide,
        ["both"] = CompareMode.Both,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var input = new Argument<string>("input") { Description = "Video file (anything FFmpeg reads), folder of frames (natural order), or one image." };
        var tracks = new Option<string>("--tracks", "-t") { Description = "Mask tracks to draw: MOTS txt (as segment writes), YouTube-VIS JSON (one video), or a DAVIS folder of indexed PNGs.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Video to write: .mp4 (H.264, plays in browsers), .gif or .webp (short clips).", Required = true };
        var compare = new Option<string?>("--compare") { Description = "Ground truth to draw the tracks against (MOTS, YouTube-VIS JSON or DAVIS folder)." };
        var mode = new Option<string>("--compare-mode") { Description = "With --compare: difference (TP green, missed red, false blue), side-by-side (truth | prediction) or both.", DefaultValueFactory = _ => "both" };
        mode.AcceptOnlyFromAmong([.. Modes.Keys]);
        var opacity = new Option<double>("--opacity") { Description = "Mask fill opacity, 0-1.", DefaultValueFactory = _ => 0.45 };
        var contoursOnly = new Option<bool>("--contours-only") { Description = "Outlines only, no fill." };
        var noLabels = new Option<bool>("--no-labels") { Description = "No id/class labels." };
        var trail = new Option<int>("--trail") { Description = "Fading trail through each track's last N centres (0 = none).", DefaultValueFactory = _ => 0 };
        var boxes = new Option<bool>("--prompt-boxes") { Description = "Draw each object's prompt box: annotated solid, predicted dashed (with --boxes: boxes from that file, objects without one dashed; else each mask's tight box)." };
        var boxFile = new Option<string?>("--boxes", "-b") { Description = "Box file (MOT or SOT) the tracks were prompted with, for --prompt-boxes." };
        var insets = new Option<bool>("--insets") { Description = "Crop-and-zoom insets of objects under 20 px." };
        var noCounter = new Option<bool>("--no-frame-counter") { Description = "No frame number and timestamp." };
        var sheet = new Option<string?>("--contact-sheet") { Description = "Also write a PNG grid of zoomed crops of every track at regular frames." };
        var report = new Option<string?>("--report") { Description = "Also write a self-contained HTML report (crops and plots per track)." };
        var fps = new Option<double>("--fps") { Description = "Frame rate of frame folders (videos carry their own).", DefaultValueFactory = _ => 10 };
        var frameBase = new Option<int>("--mots-frame-base") { Description = "First frame number in the MOTS files: 1 (MOTSChallenge) or 0 (KITTI).", DefaultValueFactory = _ => 1 };

        var command = new Command("render", "Draw existing mask tracks over their video (no segmenting), optionally against ground truth." + Examples)
        {
            input, tracks, output, compare, mode, opacity, contoursOnly, noLabels, trail, boxes, boxFile, insets, noCounter, sheet, report, fps, frameBase,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var style = OverlayStyle.Default with
            {
                FillOpacity = parse.GetValue(contoursOnly) ? 0 : parse.GetValue(opacity),
                Contours = true,
                Labels = !parse.GetValue(noLabels),
                PromptBoxes = parse.GetValue(boxes),
                FrameCounter = !parse.GetValue(noCounter),
                TrailLength = parse.GetValue(trail),
                Insets = parse.GetValue(insets),
            };
            var options = new RenderOptions(parse.GetValue(input)!, parse.GetValue(tracks)!, parse.GetValue(output)!)
            {
                Compare = parse.GetValue(compare),
                Boxes = parse.GetValue(boxFile),
                CompareMode = Modes[parse.GetValue(mode)!],
                Style = style,
                ContactSheet = parse.GetValue(sheet),
                Report = parse.GetValue(report),
                Fps = parse.GetValue(fps),
                MotsFrameBase = parse.GetValue(frameBase),
            };
            RenderResult? result = null;
            int code = JobRunner.Run(console, errors, "render", progress => result = RenderJob.Run(options, progress, cancellationToken), cancellationToken);
            if (result is not null)
            {
                console.MarkupLineInterpolated($"[green]done[/]: {result.Frames} frames, {result.Tracks} tracks, {result.Width}x{result.Height} -> {options.Output}");
                if (options.Compare is not null)
                    console.MarkupLineInterpolated($"  pixels: TP {result.TruePositivePixels}, missed {result.MissedPixels}, false {result.FalsePixels}");
            }
            return Task.FromResult(code);
        });
        return command;
    }
}
