using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;

namespace SatVideoSeg.Synth.Scene;

/// <summary>
/// Paints the man-made static scene over the terrain: the airport (apron, taxiway, runway with
/// markings), the double-track railway, both roads with lane markings, and the bridge deck.
/// Later layers cover earlier ones, so the order of the calls is the stacking order.
/// </summary>
internal static class InfrastructurePainter
{
    private static readonly Bgr Asphalt = Bgr.FromRgb(82, 84, 88);
    private static readonly Bgr RunwayAsphalt = Bgr.FromRgb(70, 72, 76);
    private static readonly Bgr Concrete = Bgr.FromRgb(168, 168, 162);
    private static readonly Bgr Marking = Bgr.FromRgb(214, 214, 208);
    private static readonly Bgr YellowMarking = Bgr.FromRgb(206, 182, 70);
    private static readonly Bgr Ballast = Bgr.FromRgb(124, 114, 104);
    private static readonly Bgr Sleeper = Bgr.FromRgb(78, 64, 52);
    private static readonly Bgr Rail = Bgr.FromRgb(176, 176, 182);
    private static readonly Bgr BridgeDeck = Bgr.FromRgb(150, 150, 146);

    public static void Paint(SceneLayout layout, Canvas canvas, byte[] bridgeDeck)
    {
        PaintAirport(layout, canvas);
        PaintRoad(layout.CrossRoad, canvas);
        PaintRailway(layout, canvas);
        PaintRoad(layout.MainRoad, canvas);
        PaintBridge(layout, canvas, bridgeDeck);
    }

    private static void PaintAirport(SceneLayout layout, Canvas canvas)
    {
        double left = layout.ApronLeft, right = layout.ApronRight, top = layout.ApronTop, bottom = layout.ApronBottom;
        if (right - left > 4 && bottom - top > 4)
        {
            canvas.Fill([new(left, top), new(right, top), new(right, bottom), new(left, bottom)], Concrete);
            // Expansion joints of the concrete slabs, slightly darker.
            var joint = Concrete.Shift(-18);
            for (double x = left + 18; x < right; x += 18) canvas.Fill([new(x, top), new(x + 1, top), new(x + 1, bottom), new(x, bottom)], joint, 0.6);
            for (double y = top + 18; y < bottom; y += 18) canvas.Fill([new(left, y), new(right, y), new(right, y + 1), new(left, y + 1)], joint, 0.6);
            double taxiX = (left + right) / 2;
            canvas.Fill([new(taxiX - 5, bottom), new(taxiX + 5, bottom), new(taxiX + 5, layout.RunwayCentreY), new(taxiX - 5, layout.RunwayCentreY)], Asphalt);
            canvas.Fill([new(taxiX - 0.6, bottom), new(taxiX + 0.6, bottom), new(taxiX + 0.6, layout.RunwayCentreY), new(taxiX - 0.6, layout.RunwayCentreY)], YellowMarking);
        }

        var runway = layout.Runway;
        double half = layout.RunwayHalfWidth, length = runway.Length;
        canvas.Fill(runway.Band(0, length, -half, half), RunwayAsphalt);
        canvas.Fill(runway.Band(0, length - 2, -half + 1, -half + 2), Marking);
        canvas.Fill(runway.Band(0, length - 2, half - 2, half - 1), Marking);
        for (double s = 0; s < length - 30; s += 22) canvas.Fill(runway.Band(s, s + 12, -0.7, 0.7), Marking);
        // Threshold "piano keys" at the east end.
        for (double side = -half + 3; side < half - 3; side += 3) canvas.Fill(runway.Band(length - 14, length - 4, side, side + 1.5), Marking);
    }

    private static void PaintRoad(Road road, Canvas canvas)
    {
        var centre = road.Centre;
        double length = centre.Length, half = road.HalfWidth;
        canvas.Fill(centre.Band(0, length, -half, half), Asphalt);
        canvas.Fill(centre.Band(0, length, -half + 0.6, -half + 1.6), Marking, 0.8);
        canvas.Fill(centre.Band(0, length, half - 1.6, half - 0.6), Marking, 0.8);
        canvas.Fill(centre.Band(0, length, -0.6, 0.6), YellowMarking, 0.9);
        for (int lane = 1; lane < road.LanesPerDirection; lane++)
        {
            double offset = lane * road.LaneWidth;
            for (double s = 0; s < length; s += 12)
            {
                canvas.Fill(centre.Band(s, s + 6, offset - 0.5, offset + 0.5), Marking, 0.7);
                canvas.Fill(centre.Band(s, s + 6, -offset - 0.5, -offset + 0.5), Marking, 0.7);
            }
        }
    }

    private static void PaintRailway(SceneLayout layout, Canvas canvas)
    {
        for (int track = 0; track < 2; track++)
        {
            var path = layout.Track(track);
            double length = path.Length;
            canvas.Fill(path.Band(0, length, -4.5, 4.5), Ballast);
            for (double s = 0; s < length; s += 3) canvas.Fill(path.Band(s, s + 1.2, -3.5, 3.5, step: 1.2), Sleeper);
            canvas.Fill(path.Band(0, length, -2.3, -1.3), Rail);
            canvas.Fill(path.Band(0, length, 1.3, 2.3), Rail);
        }
    }

    private static void PaintBridge(SceneLayout layout, Canvas canvas, byte[] bridgeDeck)
    {
        var road = layout.MainRoad;
        var centre = road.Centre;
        double start = double.NaN;
        for (double s = 0; s <= centre.Length; s += 1)
        {
            var p = centre.PointAt(s);
            if (p.X >= layout.ShoreX(p.Y) - 6) { start = s; break; }
        }
        if (double.IsNaN(start)) return;
        double end = centre.Length, half = road.HalfWidth;
        var deck = centre.Band(start, end, -half - 1.5, half + 1.5);
        canvas.Fill(deck, BridgeDeck);
        // Remember the deck: ships are drawn before it is restored, so it hides them.
        var spans = new List<RowSpan>();
        PolygonRasterizer.Rasterize(deck, canvas.Bounds, spans);
        foreach (var span in spans) bridgeDeck.AsSpan(span.Y * canvas.Width + span.X0, span.X1 - span.X0).Fill(1);
        canvas.Fill(centre.Band(start, end, -half + 1, half - 1), Asphalt.Shift(8));
        canvas.Fill(centre.Band(start, end, -half - 1.5, -half - 0.3), Marking, 0.9);
        canvas.Fill(centre.Band(start, end, half + 0.3, half + 1.5), Marking, 0.9);
        canvas.Fill(centre.Band(start, end, -0.6, 0.6), YellowMarking, 0.9);
        // The deck's shadow on the water, south of the bridge (sun from the north-west).
        canvas.Fill(centre.Band(start + 4, end, half + 1.5, half + 5), Bgr.FromRgb(10, 20, 24), 0.45);
    }
}
