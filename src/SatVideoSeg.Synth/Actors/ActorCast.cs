using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Actors;

/// <summary>
/// Casts the moving objects into the scene: picks each one's path, size, colour, speed and
/// timing from the seeded random source. Timings are chosen so that every object is on screen
/// for part of the video, and a few situations are staged on purpose: a plane rolling in from
/// the edge, cars side by side in adjacent lanes and cars following closely, ships passing in
/// opposite directions, and paths that cross (the two roads, road and railway).
/// Track ids are 1-based in the order airplanes, ships, trains, cars.
/// </summary>
internal sealed class ActorCast
{
    private readonly SynthOptions _options;
    private readonly SceneLayout _layout;
    private readonly Random _random;
    private int _nextTrackId = 1;

    private ActorCast(SynthOptions options, SceneLayout layout, Random random)
    {
        _options = options;
        _layout = layout;
        _random = random;
    }

    /// <summary>All actors in drawing order: ships, trains, cars, airplanes (the order FrameComposer draws them in).</summary>
    public static IReadOnlyList<Actor> Create(SynthOptions options, SceneLayout layout, Random random)
    {
        var cast = new ActorCast(options, layout, random);
        var airplanes = cast.CastAirplanes();
        var ships = cast.CastShips();
        var trains = cast.CastTrains();
        var cars = cast.CastCars();
        return [.. ships, .. trains, .. cars, .. airplanes];
    }

    /// <summary>
    /// The frames over which appearances are staged. Capped so that a very long video neither
    /// stretches every object's path (memory) nor pushes every entry far into the future.
    /// </summary>
    private int Frames => Math.Min(_options.FrameCount, 600);

    /// <summary>Converts a speed in pixels per second to pixels per frame.</summary>
    private double PerFrame(double pixelsPerSecond) => pixelsPerSecond / _options.Fps;

    private double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    private List<Actor> CastAirplanes()
    {
        var actors = new List<Actor>();
        int count = _options.Airplanes;
        if (count == 0) return actors;
        Bgr[] liveries = [Bgr.FromRgb(30, 60, 150), Bgr.FromRgb(180, 40, 40), Bgr.FromRgb(40, 130, 70), Bgr.FromRgb(220, 150, 30), Bgr.FromRgb(90, 90, 96)];

        // One plane rolls along the runway and enters from the left edge during the video.
        double runwayCap = Math.Clamp(Math.Min(0.2 * _layout.Width, 0.3 * _layout.Height), 12, 120);
        double runwayLength = Uniform(Math.Max(12, 0.5 * runwayCap), runwayCap);
        double runwaySpeed = PerFrame(Uniform(15, 28));
        var runway = _layout.Runway;
        double enter = runway.InsideRange(_layout.Width, _layout.Height)?.Enter ?? 0;
        actors.Add(new AirplaneActor(_nextTrackId++, runway, enter - runwayLength / 2 - 1 - Uniform(0, 8), runwaySpeed, runwayLength,
            WhitePaint(), liveries[_random.Next(liveries.Length)]));

        // The others taxi slowly on the apron, one per parking slot, turning gently.
        int onApron = count - 1;
        if (onApron == 0) return actors;
        double slotWidth = (_layout.ApronRight - _layout.ApronLeft) / onApron;
        double apronHeight = _layout.ApronBottom - _layout.ApronTop;
        double apronCap = Math.Clamp(Math.Min(slotWidth, 1.3 * apronHeight), 12, 120);
        for (int i = 0; i < onApron; i++)
        {
            double length = Uniform(Math.Max(12, 0.45 * apronCap), apronCap);
            var centre = new Vec2(_layout.ApronLeft + (i + 0.5) * slotWidth, (_layout.ApronTop + _layout.ApronBottom) / 2 + Uniform(-0.15, 0.15) * apronHeight);
            double heading = Uniform(-Math.PI, Math.PI);
            double speed = PerFrame(Uniform(1, 5));
            double turn = Uniform(-0.004, 0.004);
            // Start half the travel behind the slot centre so the plane stays around its slot.
            double travel = speed * Math.Max(Frames - 1, 0);
            var start = centre - Vec2.FromAngle(heading) * (travel / 2);
            var path = Polyline.Arc(start, heading, turn, travel + 50);
            actors.Add(new AirplaneActor(_nextTrackId++, path, 0, speed, length, WhitePaint(), liveries[_random.Next(liveries.Length)]));
        }
        return actors;
    }

    private List<Actor> CastShips()
    {
        var actors = new List<Actor>();
        int count = _options.Ships;
        int width = _layout.Width, height = _layout.Height;
        double bandLeft = _layout.ShoreMax + 6, bandRight = width - 4;
        double maxLength = Math.Clamp(0.13 * height, 15, 60);
        Bgr[] hulls = [Bgr.FromRgb(70, 72, 80), Bgr.FromRgb(150, 50, 44), Bgr.FromRgb(40, 60, 100), Bgr.FromRgb(200, 200, 196)];
        Bgr[] cargo = [Bgr.FromRgb(190, 70, 40), Bgr.FromRgb(40, 110, 170), Bgr.FromRgb(200, 190, 60), Bgr.FromRgb(90, 150, 90)];
        for (int i = 0; i < count; i++)
        {
            double length = Uniform(15, maxLength);
            double beam = Math.Max(3, length * Uniform(0.16, 0.22));
            double x = bandLeft + (i + 0.5) / count * (bandRight - bandLeft);
            // Alternate directions so neighbouring ships pass each other; drift slightly towards
            // open water (+x) so no ship runs aground on the shore.
            bool down = i % 2 == 0;
            double drift = Uniform(0, 0.03);
            double heading = down ? Math.PI / 2 - drift : -Math.PI / 2 + drift;
            var start = new Vec2(x, down ? -80 : height + 80);
            var path = Polyline.Arc(start, heading, Uniform(-1, 1) * 0.0001, height + 160);
            double speed = PerFrame(Uniform(3, 10));
            actors.Add(new ShipActor(_nextTrackId++, path, OnScreenStart(path, speed, length), speed, length, beam,
                hulls[_random.Next(hulls.Length)], cargo[_random.Next(cargo.Length)]));
        }
        return actors;
    }

    private List<Actor> CastTrains()
    {
        var actors = new List<Actor>();
        double maxTotal = Math.Clamp(0.42 * _layout.Width, 60, 200);
        Bgr[] locomotives = [Bgr.FromRgb(170, 40, 36), Bgr.FromRgb(36, 70, 150), Bgr.FromRgb(220, 170, 40)];
        Bgr[] wagons = [Bgr.FromRgb(120, 110, 100), Bgr.FromRgb(70, 90, 110), Bgr.FromRgb(140, 80, 60), Bgr.FromRgb(160, 160, 160)];
        var previousOnTrack = new TrainActor?[2];
        for (int i = 0; i < _options.Trains; i++)
        {
            int track = i % 2;
            // Track 0 is driven along the railway, track 1 against it, so trains meet and pass.
            var path = track == 0 ? _layout.Track(0) : _layout.Track(1).Reversed();
            double total = Uniform(60, maxTotal);
            int cars = Math.Clamp((int)Math.Round(total / 20), 3, 10);
            double carLength = (total - (cars - 1) * TrainActor.Gap) / cars;
            double speed = PerFrame(Uniform(15, 30));
            double start = OnScreenStart(path, speed, total);
            var ahead = previousOnTrack[track];
            if (ahead is not null)
            {
                // A second train on the same track follows the first at the same speed, never into it.
                speed = ahead.SpeedPerFrame;
                start = ahead.StartArc - ahead.TotalLength - Uniform(40, 100);
            }
            var train = new TrainActor(_nextTrackId++, path, start, speed, cars, carLength, Uniform(6, 7),
                locomotives[_random.Next(locomotives.Length)], wagons[_random.Next(wagons.Length)]);
            previousOnTrack[track] = train;
            actors.Add(train);
        }
        return actors;
    }

    private List<Actor> CastCars()
    {
        var actors = new List<Actor>();
        Bgr[] paints =
        [
            Bgr.FromRgb(236, 236, 234), Bgr.FromRgb(34, 34, 38), Bgr.FromRgb(178, 180, 184), Bgr.FromRgb(190, 36, 36),
            Bgr.FromRgb(40, 80, 170), Bgr.FromRgb(220, 200, 50), Bgr.FromRgb(60, 120, 66), Bgr.FromRgb(120, 120, 126),
        ];
        CarActor? leader = null;
        for (int k = 0; k < _options.Cars; k++)
        {
            // Cars come in pairs: group g picks a road and direction, cycling main-along,
            // cross-along, main-against, cross-against. In even groups the second car drives
            // beside the first in the adjacent lane; in odd groups it follows it closely.
            int group = k / 2;
            var road = group % 2 == 0 ? _layout.MainRoad : _layout.CrossRoad;
            bool along = group / 2 % 2 == 0;
            double length = Uniform(8, 14);
            double width = Math.Clamp(length * Uniform(0.42, 0.55), 4, 7);
            var paint = paints[_random.Next(paints.Length)].Shift(Uniform(-10, 10));
            bool leads = k % 2 == 0 || leader is null;
            if (leads)
            {
                var path = road.Lane(0, along);
                double speed = PerFrame(Uniform(12, 35));
                // The first car enters from the frame edge and the third leaves halfway through, so
                // every default video has both an entry and an exit.
                var inside = path.InsideRange(_layout.Width, _layout.Height) ?? (0, 0);
                double start = k switch
                {
                    0 => inside.Enter - length / 2 - Uniform(1, 6),
                    2 => inside.Exit + length / 2 - speed * Math.Max(Frames - 1, 0) * Uniform(0.3, 0.6),
                    _ => OnScreenStart(path, speed, length),
                };
                leader = new CarActor(_nextTrackId++, path, start, speed, length, width, paint);
                actors.Add(leader);
            }
            else if (group % 2 == 0)
            {
                var path = road.Lane(1, along);
                actors.Add(new CarActor(_nextTrackId++, path, leader!.StartArc + Uniform(-6, 6), leader.SpeedPerFrame * Uniform(0.97, 1.03), length, width, paint));
            }
            else
            {
                double behind = leader!.Length / 2 + length / 2 + Uniform(2.5, 6);
                actors.Add(new CarActor(_nextTrackId++, leader.Path, leader.StartArc - behind, leader.SpeedPerFrame, length, width, paint));
            }
        }
        return actors;
    }

    /// <summary>
    /// An arc length at frame 0 such that an object of the given length is on screen for part of
    /// the video: it reaches the on-screen part of its path before the end, and has not left it
    /// before the start.
    /// </summary>
    private double OnScreenStart(Polyline path, double speed, double length)
    {
        var inside = path.InsideRange(_layout.Width, _layout.Height);
        if (inside is null) return 0;
        var (enter, exit) = inside.Value;
        double travel = speed * Math.Max(Frames - 1, 0);
        double low = enter - 0.8 * travel, high = exit - 0.2 * (exit - enter) + 0.3 * length;
        return high > low ? Uniform(low, high) : enter;
    }

    private Bgr WhitePaint() => Bgr.FromRgb(232, 234, 236).Shift(Uniform(-14, 6));
}
