using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// What a segment run prompts with, read and checked before anything is written: the box file
/// with its corrections applied, whether its ids are used, the ids tracks.mots.txt writes, the
/// prompt plan, the prompt source (which owns the linker) and the appearance step.
/// </summary>
public sealed record SegmentInputs(
    BoxAnnotations Boxes,
    Corrections Corrections,
    bool IgnoreIds,
    MotsTrackIds MotsIds,
    PromptPlan Plan,
    TrackedPromptSource Prompter,
    AppearanceStep? Appearance)
{
    /// <summary>Reads the boxes (and corrections) of <paramref name="options"/> for a <paramref name="video"/>; bad input surfaces as <see cref="JobException"/>.</summary>
    public static SegmentInputs Read(SegmentOptions options, VideoInfo video)
    {
        var given = ReadBoxes(options.Boxes, options);
        // Negative ids (MOT detection files) mean "no id": then no id is used at all. Any other id is
        // the user's; where MOTS cannot hold it, tracks.mots.txt renumbers it and ids.json maps it back.
        bool ignoreIds = options.IgnoreIds || given.Frames.SelectMany(given.ForFrame).Any(b => b.TrackId < 0);
        var corrections = ReadCorrections(options, given, ignoreIds);
        var boxes = corrections.Boxes;
        var motsIds = new MotsTrackIds(ignoreIds ? null : boxes.Frames.SelectMany(boxes.ForFrame).Select(b => (b.TrackId, b.Class)), options.Boxes);
        var plan = new PromptPlan(boxes, video.Width, video.Height, useIds: !ignoreIds);
        var prompter = new TrackedPromptSource(plan, options.Schedule, ignoreIds, video.Width, video.Height, corrections: corrections);
        // Dense boxes leave nothing to predict, so the step would never act: outputs stay as they were.
        var appearance = options.Appearance && !options.Schedule.IsDense ? new AppearanceStep() : null;
        var inputs = new SegmentInputs(boxes, corrections, ignoreIds, motsIds, plan, prompter, appearance);
        // A folder of frames knows its length before decoding, and most videos say theirs when probed
        // (nb_frames): boxes past it fail before any work, with the line of the box.
        inputs.CheckBoxesWithinFrames(video.Path, video.FrameCount);
        return inputs;
    }

    /// <summary>Fails with the line of the first box past the last of <paramref name="frames"/> frames of <paramref name="input"/> (null: unknown, nothing to check).</summary>
    public void CheckBoxesWithinFrames(string input, int? frames)
    {
        if (frames is not int count || !Boxes.Frames.Any() || Boxes.Frames.Max() < count) return;
        int last = Boxes.Frames.Max();
        var box = Boxes.ForFrame(last).MinBy(b => b.Line)!;
        throw new JobException($"{Boxes.File}:{box.Line}: a box in frame {last + 1}, past the last frame of {input} ({count} frames)");
    }

    private static BoxAnnotations ReadBoxes(string file, SegmentOptions options)
    {
        try
        {
            return BoxFileReader.Read(file, options.BoxFormat, options.IgnoreIds);
        }
        catch (AnnotationFormatException e)
        {
            throw new JobException(e.Message, e);
        }
    }

    private static Corrections ReadCorrections(SegmentOptions options, BoxAnnotations boxes, bool ignoreIds)
    {
        if (options.Corrections is null) return Corrections.None(boxes);
        if (ignoreIds) throw new JobException($"--corrections names the objects it corrects by id; {options.Boxes} gives boxes without ids (--ignore-ids or negative ids)");
        return Corrections.Apply(boxes, ReadBoxes(options.Corrections, options));
    }
}
