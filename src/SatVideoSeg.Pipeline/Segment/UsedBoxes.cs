namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// Which annotated boxes a run prompts with: those its <see cref="BoxSchedule"/> allows, and every
/// correction (<c>--corrections</c>), whatever the schedule. One rule for the forward prompts and for
/// the backward pass's starting boxes, so a correction resets its track in both directions.
/// </summary>
public sealed class UsedBoxes(PromptPlan plan, BoxSchedule schedule, Corrections? corrections)
{
    /// <summary>Whether object <paramref name="trackId"/>'s box in 0-based <paramref name="frameIndex"/> is used.</summary>
    public bool Uses(int trackId, int frameIndex) =>
        schedule.Uses(plan.FirstFrames[trackId], frameIndex) || corrections?.Covers(frameIndex, trackId) == true;
}
