using System.Globalization;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Datasets.Boxes;

/// <summary>Formats MOT box lines <c>frame,id,x,y,w,h,conf,class</c> with 1-based frames.</summary>
public static class MotBoxWriter
{
    /// <summary>One MOT line for a 0-based frame index.</summary>
    public static string FormatLine(int frameIndex, int trackId, BoxXyxy box, int classId, double confidence = 1)
    {
        var b = box.ToXywh();
        return string.Create(CultureInfo.InvariantCulture,
            $"{frameIndex + 1},{trackId},{b.X:0.##},{b.Y:0.##},{b.W:0.##},{b.H:0.##},{confidence:0.###},{classId}");
    }
}
