using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>One annotated box of one frame.</summary>
/// <param name="FrameIndex">0-based frame index.</param>
/// <param name="TrackId">The annotation's object id (1 for single-object files, -1 when ids are ignored).</param>
/// <param name="Class">Object class, Unknown when the file has none.</param>
/// <param name="Box">The box in frame pixels.</param>
/// <param name="Line">1-based line of the file it came from, for error messages.</param>
public sealed record AnnotatedBox(int FrameIndex, int TrackId, ObjectClass Class, BoxXyxy Box, int Line)
{
    /// <summary>The box's values as written in the file ("1e30,14,9,1"), for messages; null when not read from a file.</summary>
    public string? Written { get; init; }

    /// <summary>The box as a message shows it: as written when known, else as x,y,w,h.</summary>
    public string Shown => Written is null ? Box.ToXywh().ToString() : $"({Written})";
}
