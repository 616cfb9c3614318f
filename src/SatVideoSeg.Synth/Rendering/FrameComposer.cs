using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Synth.Actors;
using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth.Rendering;

/// <summary>
/// Renders frame after frame of one video and derives the exact masks. A full-frame label
/// buffer records, for every pixel, which object was drawn there last; an object's visible mask
/// is read back from it, so masks of one frame cannot overlap and every pixel an object shows is
/// a pixel of its mask (before the sensor blur). Buffers are reused between frames, so memory
/// does not grow with the video's length.
/// </summary>
internal sealed class FrameComposer
{
    private readonly int _width, _height;
    private readonly Backdrop _backdrop;
    private readonly IReadOnlyList<Actor> _actors;
    private readonly SensorModel _sensor;
    private readonly ushort[] _labels;
    private readonly List<ShapePart> _parts = [];
    private readonly List<RowSpan> _spans = [];
    private readonly int[] _footprintAreas;
    private readonly PixelRect[] _drawnRects;

    /// <summary>Prepares reusable buffers for a width x height video; <paramref name="actors"/> come in drawing order, ships first (the bridge deck is restored after them), later ones occluding earlier ones.</summary>
    public FrameComposer(int width, int height, Backdrop backdrop, IReadOnlyList<Actor> actors, SensorModel sensor)
    {
        _width = width;
        _height = height;
        _backdrop = backdrop;
        _actors = actors;
        _sensor = sensor;
        _labels = new ushort[width * height];
        _footprintAreas = new int[actors.Count];
        _drawnRects = new PixelRect[actors.Count];
    }

    public SynthFrame Compose(int index)
    {
        var pixels = (byte[])_backdrop.Pixels.Clone();
        var canvas = new Canvas(_width, _height, pixels);
        Array.Clear(_labels);

        // 1. Ships (wakes, then hulls), then the bridge deck goes back on top: ships pass under it.
        int ships = 0;
        while (ships < _actors.Count && _actors[ships].Class == ObjectClass.Ship) ships++;
        for (int i = 0; i < ships; i++) _actors[i].DrawUnderlay(index, canvas, _backdrop);
        for (int i = 0; i < ships; i++) DrawBody(i, index, canvas);
        RestoreBridgeDeck(pixels);

        // 2. Everything else: all shadows first so none falls on another body, then the bodies in
        //    order (later ones occlude earlier ones; a pixel's label is the actor's position + 1).
        for (int i = ships; i < _actors.Count; i++) _actors[i].DrawUnderlay(index, canvas, _backdrop);
        for (int i = ships; i < _actors.Count; i++) DrawBody(i, index, canvas);

        // 3. Masks read back from the label buffer.
        var objects = new List<SynthObject>();
        for (int i = 0; i < _actors.Count; i++)
        {
            var found = ReadMask(i, index);
            if (found is not null) objects.Add(found);
        }
        objects.Sort((a, b) => a.TrackId.CompareTo(b.TrackId));

        // 4. What the camera does: blur, illumination drift, noise (image only).
        _sensor.Apply(pixels, _width, _height, index);
        return new SynthFrame(new Frame(index, _width, _height, pixels), objects);
    }

    private void DrawBody(int actorIndex, int frame, Canvas canvas)
    {
        _footprintAreas[actorIndex] = 0;
        _drawnRects[actorIndex] = default;
        _parts.Clear();
        _actors[actorIndex].AddParts(frame, _parts);
        var bounds = PolygonRasterizer.Bounds(_parts.Select(p => p.Polygon));
        var onScreen = bounds.Intersect(canvas.Bounds);
        if (onScreen.IsEmpty) return;

        // The footprint is rasterised unclipped so the visible fraction counts pixels beyond the edge too.
        var footprint = new byte[bounds.Area];
        var colourIndex = new int[bounds.Area];
        for (int p = 0; p < _parts.Count; p++)
        {
            PolygonRasterizer.Rasterize(_parts[p].Polygon, bounds, _spans);
            foreach (var span in _spans)
            {
                int row = (span.Y - bounds.Y) * bounds.Width - bounds.X;
                for (int x = span.X0; x < span.X1; x++)
                {
                    footprint[row + x] = 1;
                    colourIndex[row + x] = p;
                }
            }
        }
        int area = 0;
        foreach (byte b in footprint) area += b;
        _footprintAreas[actorIndex] = area;
        _drawnRects[actorIndex] = onScreen;

        ushort label = (ushort)(actorIndex + 1);
        var pixels = canvas.Pixels;
        for (int y = onScreen.Y; y < onScreen.Bottom; y++)
        {
            int local = (y - bounds.Y) * bounds.Width - bounds.X;
            for (int x = onScreen.X; x < onScreen.Right; x++)
            {
                if (footprint[local + x] == 0) continue;
                var colour = _parts[colourIndex[local + x]].Colour;
                int at = y * _width + x;
                _labels[at] = label;
                pixels[at * 3] = colour.B;
                pixels[at * 3 + 1] = colour.G;
                pixels[at * 3 + 2] = colour.R;
            }
        }
    }

    private SynthObject? ReadMask(int actorIndex, int frame)
    {
        var rect = _drawnRects[actorIndex];
        if (rect.IsEmpty || _footprintAreas[actorIndex] == 0) return null;
        ushort label = (ushort)(actorIndex + 1);
        var data = new byte[rect.Area];
        int visible = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
        {
            int row = y * _width, local = (y - rect.Y) * rect.Width - rect.X;
            for (int x = rect.X; x < rect.Right; x++)
            {
                if (_labels[row + x] != label) continue;
                data[local + x] = 1;
                visible++;
            }
        }
        if (visible == 0) return null;
        var mask = new BitMask(_width, _height, rect, data).Trim();
        var actor = _actors[actorIndex];
        return new SynthObject(actor.TrackId, actor.Class, mask, mask.Rect.ToBox(), actor.PoseAt(frame).Heading,
            (double)visible / _footprintAreas[actorIndex]);
    }

    private void RestoreBridgeDeck(byte[] pixels)
    {
        var deck = _backdrop.BridgeDeck;
        var background = _backdrop.Pixels;
        for (int i = 0; i < deck.Length; i++)
        {
            if (deck[i] == 0) continue;
            _labels[i] = 0;
            pixels[i * 3] = background[i * 3];
            pixels[i * 3 + 1] = background[i * 3 + 1];
            pixels[i * 3 + 2] = background[i * 3 + 2];
        }
    }
}
