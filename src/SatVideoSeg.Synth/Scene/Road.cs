using SatVideoSeg.Synth.Geometry;

namespace SatVideoSeg.Synth.Scene;

/// <summary>
/// A two-way road: a centre line with <see cref="LanesPerDirection"/> lanes on each side.
/// Traffic keeps right (as seen on screen, y down), so lanes on the right of the centre line run
/// along it and lanes on the left run against it.
/// </summary>
internal sealed class Road(Polyline centre, int lanesPerDirection, double laneWidth)
{
    /// <summary>Width of the paved shoulder outside the outer lanes, in pixels.</summary>
    public const double Shoulder = 2;

    public Polyline Centre { get; } = centre;

    public int LanesPerDirection { get; } = lanesPerDirection;

    /// <summary>Lane width in pixels (a car is about half a lane-width narrower than its lane).</summary>
    public double LaneWidth { get; } = laneWidth;

    /// <summary>Distance from the centre line to the road edge, in pixels.</summary>
    public double HalfWidth => LanesPerDirection * LaneWidth + Shoulder;

    /// <summary>
    /// The path a vehicle follows in lane <paramref name="lane"/> (0 = next to the centre line)
    /// in the given direction (true: along the centre line).
    /// </summary>
    public Polyline Lane(int lane, bool alongCentre)
    {
        double offset = (lane + 0.5) * LaneWidth;
        return alongCentre ? Centre.Offset(offset) : Centre.Offset(-offset).Reversed();
    }
}
