namespace SatVideoSeg.Segmentation;

/// <summary>
/// How many decoded frames a segmenter that batches across frames may hold at once (read, not yet
/// returned): frames are large, so both their count and their pixels are bounded. The first frame
/// is always admitted.
/// </summary>
/// <param name="MaxFrames">Frames held at most.</param>
/// <param name="MaxBytes">Pixel bytes held at most (a frame is admitted while the others hold less).</param>
public sealed record LookAhead(int MaxFrames, long MaxBytes)
{
    /// <summary>
    /// 32 frames or 256 MiB of pixels, whichever comes first. 32 frames fill a 256-crop call (the
    /// tuner's largest on a GPU) at 8 objects a frame (the sample holds about 14); 256 MiB is 290
    /// frames of the 640x480 sample but 10 of 4K (24 MiB each) and 1 of a 12000x5000 Jilin-1 frame
    /// (172 MiB), so large frames cannot add gigabytes. The frame pipeline's two channels hold up
    /// to 4 frames each on top of these.
    /// </summary>
    public static LookAhead Default { get; } = new(32, 256L << 20);

    /// <summary>Whether another frame may be read while <paramref name="frames"/> frames of <paramref name="bytes"/> pixel bytes are held.</summary>
    public bool Admits(int frames, long bytes) => frames == 0 || (frames < MaxFrames && bytes < MaxBytes);
}
