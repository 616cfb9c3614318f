namespace SatVideoSeg.Core.Geometry;

/// <summary>A box as top-left corner (pixel edges) plus width and height in pixels, as MOT files store it.</summary>
public readonly record struct BoxXywh(double X, double Y, double W, double H)
{
    /// <summary>The same box as two corners.</summary>
    public BoxXyxy ToXyxy() => new(X, Y, X + W, Y + H);

    /// <inheritdoc />
    public override string ToString() => $"[x={X:0.##},y={Y:0.##},w={W:0.##},h={H:0.##}]";
}
