using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;

namespace SatVideoSeg.Synth.Scene;

/// <summary>
/// Paints the natural ground: fBm-textured land in earthy colours (soil, grass, dry grass,
/// dark scrub), a sandy beach along the shoreline, and textured blue-green water.
/// </summary>
internal static class TerrainPainter
{
    private static readonly Bgr Soil = Bgr.FromRgb(146, 122, 94);
    private static readonly Bgr Grass = Bgr.FromRgb(98, 116, 72);
    private static readonly Bgr DryGrass = Bgr.FromRgb(176, 162, 122);
    private static readonly Bgr Scrub = Bgr.FromRgb(62, 82, 52);
    private static readonly Bgr Sand = Bgr.FromRgb(192, 178, 142);
    private static readonly Bgr DeepWater = Bgr.FromRgb(28, 62, 74);
    private static readonly Bgr ShallowWater = Bgr.FromRgb(52, 96, 98);

    /// <summary>Fills every pixel of <paramref name="canvas"/> and marks water pixels in <paramref name="water"/>.</summary>
    public static void Paint(SceneLayout layout, int seed, Canvas canvas, byte[] water)
    {
        var broad = new ValueNoise(seed ^ 0x1F2E3D);
        var patches = new ValueNoise(seed ^ 0x4C5B6A);
        var grain = new ValueNoise(seed ^ 0x798897);
        int width = canvas.Width, height = canvas.Height;
        var pixels = canvas.Pixels;
        for (int y = 0; y < height; y++)
        {
            double yc = y + 0.5;
            double shore = layout.ShoreX(yc);
            for (int x = 0; x < width; x++)
            {
                double xc = x + 0.5;
                double fromShore = xc - shore;
                double fine = grain.Sample(xc / 2.5, yc / 2.5) - 0.5;
                Bgr colour;
                if (fromShore > 0)
                {
                    water[y * width + x] = 1;
                    // Long, wind-aligned ripples: noise stretched along x.
                    double ripple = broad.Fbm(xc / 60, yc / 18, 3);
                    double depth = Math.Clamp(fromShore / 25, 0, 1);
                    colour = Bgr.Lerp(ShallowWater, DeepWater, depth).Shift((ripple - 0.5) * 16 + fine * 4);
                }
                else if (fromShore > -4)
                {
                    colour = Sand.Shift(fine * 14);
                }
                else
                {
                    double cover = broad.Fbm(xc / 110, yc / 110, 4);
                    double dryness = patches.Fbm(xc / 38 + 100, yc / 38, 3);
                    colour = Bgr.Lerp(Soil, Grass, SmoothStep(0.38, 0.62, cover));
                    colour = Bgr.Lerp(colour, DryGrass, 0.6 * SmoothStep(0.55, 0.8, dryness));
                    colour = Bgr.Lerp(colour, Scrub, 0.7 * SmoothStep(0.35, 0.2, dryness));
                    colour = colour.Shift(fine * 18);
                }
                int o = (y * width + x) * 3;
                pixels[o] = colour.B;
                pixels[o + 1] = colour.G;
                pixels[o + 2] = colour.R;
            }
        }
    }

    /// <summary>Scatters building roofs (with shadows) and tree crowns over the land, away from the shore.</summary>
    public static void PaintClutter(SceneLayout layout, Random random, Canvas canvas)
    {
        int width = canvas.Width, height = canvas.Height;
        var shadow = Bgr.FromRgb(20, 20, 24);
        Bgr[] roofs = [Bgr.FromRgb(170, 168, 162), Bgr.FromRgb(150, 84, 64), Bgr.FromRgb(96, 96, 102), Bgr.FromRgb(196, 192, 180)];
        int buildings = width * height / 5000;
        for (int i = 0; i < buildings; i++)
        {
            var centre = new Vec2(random.NextDouble() * width, random.NextDouble() * height);
            double length = 5 + random.NextDouble() * 12, breadth = 4 + random.NextDouble() * 7;
            double angle = random.Next(2) * Math.PI / 2 + (random.NextDouble() - 0.5) * 0.5;
            var roof = roofs[random.Next(roofs.Length)].Shift((random.NextDouble() - 0.5) * 20);
            if (centre.X > layout.ShoreMin - length - 6) continue;
            var pose = new Pose(centre, angle);
            canvas.Fill(new Pose(centre + new Vec2(2, 2), angle).Rectangle(-length / 2, length / 2, -breadth / 2, breadth / 2), shadow, 0.45);
            canvas.Fill(pose.Rectangle(-length / 2, length / 2, -breadth / 2, breadth / 2), roof);
        }
        int trees = width * height / 2500;
        var crown = Bgr.FromRgb(44, 70, 40);
        for (int i = 0; i < trees; i++)
        {
            var centre = new Vec2(random.NextDouble() * width, random.NextDouble() * height);
            double radius = 1.5 + random.NextDouble() * 2.5;
            if (centre.X > layout.ShoreMin - radius - 6) continue;
            var polygon = new Vec2[8];
            for (int k = 0; k < 8; k++) polygon[k] = centre + Vec2.FromAngle(k * Math.PI / 4) * radius;
            canvas.Fill(polygon, crown.Shift((random.NextDouble() - 0.5) * 16));
        }
    }

    private static double SmoothStep(double edge0, double edge1, double x)
    {
        double t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }
}
