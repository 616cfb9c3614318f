using SatVideoSeg.Synth.Rendering;

namespace SatVideoSeg.Synth.Scene;

/// <summary>Renders the static scene of a video once: terrain and water, clutter, then infrastructure.</summary>
internal static class BackdropBuilder
{
    public static Backdrop Build(SceneLayout layout, int seed, Random random)
    {
        int pixelsCount = layout.Width * layout.Height;
        var pixels = new byte[pixelsCount * 3];
        var water = new byte[pixelsCount];
        var bridgeDeck = new byte[pixelsCount];
        var canvas = new Canvas(layout.Width, layout.Height, pixels);
        TerrainPainter.Paint(layout, seed, canvas, water);
        TerrainPainter.PaintClutter(layout, random, canvas);
        InfrastructurePainter.Paint(layout, canvas, bridgeDeck);
        return new Backdrop(pixels, water, bridgeDeck);
    }
}
