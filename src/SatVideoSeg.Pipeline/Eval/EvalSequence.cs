namespace SatVideoSeg.Pipeline.Eval;

/// <summary>One sequence of a ground-truth or prediction set, read frame by frame.</summary>
public abstract class EvalSequence
{
    /// <summary>Sequence name (folder or file name).</summary>
    public abstract string Name { get; }

    /// <summary>File or folder the sequence comes from, for error messages.</summary>
    public abstract string Source { get; }

    /// <summary>Frame width in pixels (0 when the source holds no object to tell).</summary>
    public abstract int Width { get; }

    /// <summary>Frame height in pixels (0 when unknown).</summary>
    public abstract int Height { get; }

    /// <summary>Frames: the sequence's length when <see cref="FrameCountIsExact"/>, else one past the last frame with an object.</summary>
    public abstract int FrameCount { get; }

    /// <summary>Whether <see cref="FrameCount"/> is the sequence's true length (seqinfo.ini, a frame folder) rather than inferred from the objects.</summary>
    public abstract bool FrameCountIsExact { get; }

    /// <summary>Class names present.</summary>
    public abstract IReadOnlySet<string> Classes { get; }

    /// <summary>Frames 0..<paramref name="frameCount"/>-1 in order (frames without objects included), decoded one at a time.</summary>
    public abstract IEnumerable<EvalFrame> ReadFrames(int frameCount);
}
