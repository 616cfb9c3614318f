using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>One annotated row of a single-object ground truth.</summary>
/// <param name="FrameIndex">0-based frame (data line k is frame k).</param>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Box">The box (for oriented rows, the box enclosing the corners).</param>
/// <param name="Corners">The corners x1,y1..x4,y4 of an oriented row (OOTB), else null.</param>
/// <param name="Written">The row's values as written, comma-joined, for messages.</param>
public sealed record SotRow(int FrameIndex, int Line, BoxXyxy Box, IReadOnlyList<double>? Corners, string Written);
