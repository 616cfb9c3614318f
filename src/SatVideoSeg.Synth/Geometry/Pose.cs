namespace SatVideoSeg.Synth.Geometry;

/// <summary>
/// Where an object is and which way it faces: <see cref="Heading"/> is the direction of motion in
/// radians, measured like <see cref="Vec2.Angle"/>. Shapes are described in a local frame whose
/// +forward axis is the heading and whose +side axis is the right-hand side.
/// </summary>
internal readonly record struct Pose(Vec2 Position, double Heading)
{
    /// <summary>Maps a local (forward, side) offset in pixels to frame coordinates.</summary>
    public Vec2 ToWorld(double forward, double side)
    {
        var ahead = Vec2.FromAngle(Heading);
        return Position + ahead * forward + ahead.RightNormal * side;
    }

    /// <summary>Maps a local polygon given as (forward, side) pairs to frame coordinates.</summary>
    public Vec2[] ToWorld(params ReadOnlySpan<(double Forward, double Side)> local)
    {
        var world = new Vec2[local.Length];
        for (int i = 0; i < local.Length; i++) world[i] = ToWorld(local[i].Forward, local[i].Side);
        return world;
    }

    /// <summary>An axis-aligned rectangle of the local frame (forward in [f0, f1], side in [s0, s1]).</summary>
    public Vec2[] Rectangle(double f0, double f1, double s0, double s1) =>
        ToWorld((f1, s0), (f1, s1), (f0, s1), (f0, s0));
}
