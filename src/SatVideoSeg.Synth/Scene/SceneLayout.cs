using SatVideoSeg.Synth.Geometry;

namespace SatVideoSeg.Synth.Scene;

/// <summary>
/// Where things are in the synthetic scene, in frame pixels: an airport (runway and apron) in
/// the lower left, a river or coast along the right edge with a wavy shoreline, a horizontal road
/// that crosses the water on a bridge, a vertical road crossing it, and a curved double-track
/// railway in the upper part. Proportions follow the frame size; lane widths and object sizes do
/// not, because real vehicles keep their size in pixels at a given ground resolution.
/// </summary>
internal sealed class SceneLayout
{
    /// <summary>Lane width in pixels: fits the 4-7 px wide cars with a little room.</summary>
    public const double LaneWidth = 7;

    /// <summary>Distance between the two rail track centres, in pixels.</summary>
    public const double TrackSpacing = 10;

    private readonly double _shoreBase, _shoreAmp1, _shoreAmp2, _shoreFreq1, _shoreFreq2, _shorePhase1, _shorePhase2;

    public SceneLayout(int width, int height, Random random)
    {
        Width = width;
        Height = height;

        _shoreBase = 0.75 * width;
        _shoreAmp1 = (0.02 + 0.02 * random.NextDouble()) * width;
        _shoreAmp2 = 0.008 * width;
        _shoreFreq1 = (0.8 + 0.6 * random.NextDouble()) * 2 * Math.PI / height;
        _shoreFreq2 = (3.0 + 2.0 * random.NextDouble()) * 2 * Math.PI / height;
        _shorePhase1 = random.NextDouble() * 2 * Math.PI;
        _shorePhase2 = random.NextDouble() * 2 * Math.PI;
        ShoreMin = _shoreBase - _shoreAmp1 - _shoreAmp2;
        ShoreMax = _shoreBase + _shoreAmp1 + _shoreAmp2;

        double phaseA = random.NextDouble() * 2 * Math.PI;
        double yA = 0.52 * height, ampA = 0.03 * height;
        MainRoad = new Road(
            Polyline.Sample(x => new Vec2(x, yA + ampA * Math.Sin(2 * Math.PI * x / (1.3 * width) + phaseA)), -60, width + 60, 200),
            lanesPerDirection: 2, LaneWidth);

        double phaseB = random.NextDouble() * 2 * Math.PI;
        double xB = 0.55 * width, ampB = 0.025 * width;
        CrossRoad = new Road(
            Polyline.Sample(y => new Vec2(xB + ampB * Math.Sin(2 * Math.PI * y / (1.5 * height) + phaseB), y), -60, height + 60, 200),
            lanesPerDirection: 2, LaneWidth);

        // The airport must end before the cross road; on small frames it shrinks with it.
        double airportEast = Math.Min(0.48 * width, xB - ampB - CrossRoad.HalfWidth - 8);
        RunwayCentreY = 0.87 * height;
        RunwayHalfWidth = Math.Max(6, 0.028 * height);
        RunwayEastEnd = airportEast;
        ApronLeft = 0.04 * width;
        ApronRight = Math.Min(0.42 * width, airportEast);
        ApronTop = yA + ampA + MainRoad.HalfWidth + 0.06 * height;
        ApronBottom = RunwayCentreY - RunwayHalfWidth - Math.Max(4, 0.03 * height);
        Runway = new Polyline([new Vec2(-200, RunwayCentreY), new Vec2(RunwayEastEnd, RunwayCentreY)]);

        // The railway enters on the left, curves up and leaves through the top edge, crossing the cross road.
        double yRail = (0.26 + 0.06 * random.NextDouble()) * height;
        Railway = Polyline.CatmullRom(
        [
            new Vec2(-80, yRail),
            new Vec2(0.18 * width, yRail + 0.02 * height),
            new Vec2(0.40 * width, yRail - 0.03 * height),
            new Vec2(0.58 * width, 0.10 * height),
            new Vec2(0.66 * width, -0.05 * height),
            new Vec2(0.70 * width, -100),
        ]);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The smallest x the shoreline reaches: land lies left of it everywhere.</summary>
    public double ShoreMin { get; }

    /// <summary>The largest x the shoreline reaches: water lies right of it everywhere.</summary>
    public double ShoreMax { get; }

    /// <summary>The horizontal road (it crosses the water on a bridge).</summary>
    public Road MainRoad { get; }

    /// <summary>The vertical road, crossing the main road and the railway.</summary>
    public Road CrossRoad { get; }

    /// <summary>Centre line of the double-track railway (tracks lie +-TrackSpacing/2 beside it).</summary>
    public Polyline Railway { get; }

    /// <summary>Runway centre line, running east from beyond the left edge.</summary>
    public Polyline Runway { get; }

    public double RunwayCentreY { get; }

    public double RunwayHalfWidth { get; }

    public double RunwayEastEnd { get; }

    public double ApronLeft { get; }

    public double ApronRight { get; }

    public double ApronTop { get; }

    public double ApronBottom { get; }

    /// <summary>The shoreline: pixels whose centre has x above this value (at that y) are water.</summary>
    public double ShoreX(double y) =>
        _shoreBase + _shoreAmp1 * Math.Sin(_shoreFreq1 * y + _shorePhase1) + _shoreAmp2 * Math.Sin(_shoreFreq2 * y + _shorePhase2);

    /// <summary>Whether a point lies on water.</summary>
    public bool IsWater(Vec2 p) => p.X > ShoreX(p.Y);

    /// <summary>The path of rail track 0 or 1 (both run in the same direction; trains may use them reversed).</summary>
    public Polyline Track(int track) => Railway.Offset(track == 0 ? TrackSpacing / 2 : -TrackSpacing / 2);
}
