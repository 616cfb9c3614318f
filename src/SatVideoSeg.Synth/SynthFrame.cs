using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Synth;

/// <summary>
/// One synthetic frame and its ground truth. <see cref="Objects"/> lists only objects with at
/// least one visible pixel, in ascending <see cref="SynthObject.TrackId"/> order.
/// </summary>
/// <param name="Frame">The rendered BGR24 frame (0-based <see cref="Frame.Index"/>); the buffer is owned by the caller.</param>
/// <param name="Objects">Ground truth of the visible objects.</param>
public sealed record SynthFrame(Frame Frame, IReadOnlyList<SynthObject> Objects);
