using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Tracking;

namespace SatVideoSeg.Tests.Video.Tracking;

public class TemplateMatcherTests
{
    // A noisy grey frame with a textured 9x7 object (a checker of two colours) at (x, y).
    private static Frame Scene(int x, int y, int seed = 3)
    {
        const int w = 80, h = 60;
        var rng = new Random(seed);
        var pixels = new byte[w * h * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(90 + rng.Next(12));
        Draw(pixels, w, x, y);
        return new Frame(0, w, h, pixels);
    }

    // The 9x7 checker at (x, y); its top-left 3x2 cell painted grey where worn.
    private static void Draw(byte[] pixels, int w, int x, int y, bool worn = false)
    {
        for (int dy = 0; dy < 7; dy++)
            for (int dx = 0; dx < 9; dx++)
            {
                int p = ((y + dy) * w + x + dx) * 3;
                byte v = worn && dx < 3 && dy < 2 ? (byte)128 : (byte)(((dx / 3 + dy / 2) % 2 == 0) ? 230 : 30);
                (pixels[p], pixels[p + 1], pixels[p + 2]) = (v, (byte)(255 - v), 128);
            }
    }

    [Fact]
    public void An_Object_That_Moved_Is_Found_Where_It_Moved_To()
    {
        var template = AppearanceTemplate.Cut(Scene(20, 15), new BoxXyxy(20, 15, 29, 22))!;

        var found = TemplateMatcher.Find(Scene(24, 12, seed: 4), template, new PixelRect(10, 5, 40, 30));

        Assert.NotNull(found);
        Assert.Equal(24, found.Value.X, 0.3);
        Assert.Equal(12, found.Value.Y, 0.3);
        Assert.True(found.Value.Score > 0.9, $"score {found.Value.Score:0.00}");
    }

    [Fact]
    public void A_Window_Without_The_Object_Scores_Low()
    {
        var template = AppearanceTemplate.Cut(Scene(20, 15), new BoxXyxy(20, 15, 29, 22))!;

        var found = TemplateMatcher.Find(Scene(60, 45, seed: 4), template, new PixelRect(0, 0, 40, 30));

        Assert.NotNull(found);
        Assert.True(found.Value.Score < 0.5, $"score {found.Value.Score:0.00} on noise");
    }

    [Fact]
    public void A_Window_Smaller_Than_The_Template_Gives_No_Match()
    {
        var template = AppearanceTemplate.Cut(Scene(20, 15), new BoxXyxy(20, 15, 29, 22))!;

        Assert.Null(TemplateMatcher.Find(Scene(20, 15), template, new PixelRect(20, 15, 9, 7)));
    }

    [Fact]
    public void With_A_Motion_Prior_The_Object_Near_Its_Prediction_Wins_Over_A_Better_Look_Alike_Far_Away()
    {
        var template = AppearanceTemplate.Cut(Scene(20, 15), new BoxXyxy(20, 15, 29, 22))!;
        // Two copies: a worn one (the object, near where it is expected) and a pristine look-alike 40 px away.
        var frame = Scene(60, 40, seed: 4);
        Draw(frame.Pixels, frame.Width, 22, 16, worn: true);
        var window = new PixelRect(0, 0, 80, 60);

        var unweighted = TemplateMatcher.Find(frame, template, window);
        var weighted = TemplateMatcher.Find(frame, template, window, (21, 15, 18, 14));

        Assert.Equal(60, unweighted!.Value.X, 0.5); // without the prior the look-alike matches better
        Assert.Equal(22, weighted!.Value.X, 0.5);
        Assert.Equal(16, weighted.Value.Y, 0.5);
        Assert.True(weighted.Value.Score < unweighted.Value.Score, "the score returned is the match's own, not the weighted one");
    }
}
