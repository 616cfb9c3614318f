using System.Text.Json;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Synth;
using SatVideoSeg.Video.Sinks;

namespace SatVideoSeg.Pipeline.Synth;

/// <summary>
/// `satvidseg synth`: writes a procedural satellite-like video with its exact ground truth:
/// video.mp4 (H.264), boxes.mot.txt (MOT boxes, 1-based frames, our class ids), gt.mots.txt
/// (MOTS masks, 1-based frames) and synth.json (the options, to regenerate it). All files appear
/// together only when the whole video was written.
/// </summary>
public static class SynthJob
{
    /// <summary>File names written.</summary>
    public const string VideoFile = "video.mp4", BoxesFile = "boxes.mot.txt", MasksFile = "gt.mots.txt", OptionsFile = "synth.json";

    /// <summary>
    /// Generates and writes the video, or with a <paramref name="layout"/> the frames and boxes in
    /// that tracking benchmark's layout (<see cref="SynthLayoutWriter"/>); returns the number of object-frames.
    /// </summary>
    public static int Run(SynthOptions options, string outputDirectory, Datasets.Benchmarks.BenchmarkLayout? layout, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        layout is { } l ? SynthLayoutWriter.Run(options, l, outputDirectory, progress, cancellationToken) : Run(options, outputDirectory, progress, cancellationToken);

    /// <summary>Generates and writes the video; returns the number of object-frames. A failed or cancelled run leaves none of its files.</summary>
    public static int Run(SynthOptions options, string outputDirectory, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new JobException("invalid synth options: " + string.Join("; ", problems));
        // The folder's clean-up after a failure runs after the sinks were disposed, which deleted their temporary files.
        return OutputFolder.Run(outputDirectory, folder =>
        {
            folder.Create();
            return Write(options, outputDirectory, progress, cancellationToken);
        });
    }

    private static int Write(SynthOptions options, string outputDirectory, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        using var video = new H264FileSink(Path.Combine(outputDirectory, VideoFile), options.Width, options.Height, options.Fps, crf: 23);
        using var boxes = AtomicFile.CreateText(Path.Combine(outputDirectory, BoxesFile));
        using var masks = AtomicFile.CreateText(Path.Combine(outputDirectory, MasksFile));
        int objectFrames = 0, frames = 0;
        foreach (var synthFrame in new SynthVideoGenerator().Generate(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index = synthFrame.Frame.Index;
            foreach (var o in synthFrame.Objects)
            {
                boxes.WriteLine(MotBoxWriter.FormatLine(index, o.TrackId, o.Box, (int)o.Class));
                masks.WriteLine(MotsFormat.FormatLine(index, o.TrackId, o.Class, o.Mask));
                objectFrames++;
            }
            video.Write(synthFrame.Frame);
            frames++;
            progress?.Report(new JobProgress("synth", frames, options.FrameCount));
        }
        cancellationToken.ThrowIfCancellationRequested();
        video.Complete();
        boxes.Commit();
        masks.Commit();
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, OptionsFile), JsonSerializer.Serialize(options, RunInfo.Json));
        return objectFrames;
    }
}
