namespace SatVideoSeg.Video.Sources;

/// <summary>
/// What to do when a frame of an image folder differs in size from the first frame (real
/// satellite sequences do this: jilin1-car-0001 goes from 718x358 to 718x359 at frame 51).
/// </summary>
public enum FrameSizePolicy
{
    /// <summary>
    /// Default. Keep the first frame's size: the frame is anchored at its top-left corner and cut
    /// or zero-padded at the right and bottom. Annotation coordinates are top-left based, so boxes
    /// stay where they were; at most a border row or column is lost or added. Each change is
    /// recorded and reported.
    /// </summary>
    AnchorTopLeft,

    /// <summary>Stop with an error naming the frame.</summary>
    Fail,
}

/// <summary>A frame whose size differed from the first frame's.</summary>
/// <param name="FrameIndex">0-based frame index.</param>
/// <param name="File">The image file.</param>
/// <param name="Width">Its width before the policy was applied.</param>
/// <param name="Height">Its height before the policy was applied.</param>
public sealed record FrameSizeChange(int FrameIndex, string File, int Width, int Height);
