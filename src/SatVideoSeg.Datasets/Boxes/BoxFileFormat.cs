namespace SatVideoSeg.Datasets.Boxes;

/// <summary>Layouts of per-frame box files.</summary>
public enum BoxFileFormat
{
    /// <summary>Detect from the first data line: 6+ comma-separated fields = MOT, 4 fields = SOT.</summary>
    Auto,

    /// <summary>MOT: <c>frame,id,x,y,w,h[,conf,class,...]</c>, 1-based frames.</summary>
    Mot,

    /// <summary>Single-object: one <c>x,y,w,h</c> per frame (comma, tab or space), -1 or NaN = no box.</summary>
    Sot,
}
