namespace SatVideoSeg.Synth.Geometry;

/// <summary>The pixels [X0, X1) of row <see cref="Y"/> that a shape covers.</summary>
internal readonly record struct RowSpan(int Y, int X0, int X1);
