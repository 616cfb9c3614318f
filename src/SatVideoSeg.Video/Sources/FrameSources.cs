namespace SatVideoSeg.Video.Sources;

/// <summary>Opens the right frame source for a path: a folder of images, one image, or a video file.</summary>
public static class FrameSources
{
    /// <summary>Opens a path; image folders and single images use <paramref name="fps"/>, <paramref name="policy"/> and <paramref name="damaged"/>.</summary>
    public static IFrameSource Open(string path, double fps = 10, FrameSizePolicy policy = FrameSizePolicy.AnchorTopLeft, DamagedFramePolicy damaged = DamagedFramePolicy.Fail)
    {
        if (Directory.Exists(path)) return new ImageSequenceSource(path, fps, policy, damaged);
        if (!File.Exists(path)) throw new VideoFormatException($"{path}: no such file or folder");
        return ImageSequenceSource.ImageExtensions.Contains(Path.GetExtension(path))
            ? new ImageSequenceSource(path, fps, policy, damaged)
            : new FfmpegFrameSource(path, damaged);
    }
}
