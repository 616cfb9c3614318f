using CsCheck;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Video.Rendering;

namespace SatVideoSeg.Tests.Video.Rendering;

public class LabelPlacementTests
{
    private sealed record Case(int FrameWidth, int FrameHeight, PixelRect Anchor, int LabelWidth, int LabelHeight, int Gap, PixelRect[] Occupied)
    {
        // Whether a label fits wholly inside the frame on at least one side of the object, at the given gap (plus the one-pixel keep-out).
        public bool HasRoom =>
            (Anchor.Y - Gap - LabelHeight >= 0 && LabelWidth <= FrameWidth) ||
            (Anchor.Bottom + Gap + LabelHeight <= FrameHeight && LabelWidth <= FrameWidth) ||
            (Anchor.Right + Gap + LabelWidth <= FrameWidth && LabelHeight <= FrameHeight) ||
            (Anchor.X - Gap - LabelWidth >= 0 && LabelHeight <= FrameHeight);
    }

    private static readonly Gen<PixelRect> AnyRect =
        from x in Gen.Int[-20, 420]
        from y in Gen.Int[-20, 320]
        from w in Gen.Int[1, 120]
        from h in Gen.Int[1, 120]
        select new PixelRect(x, y, w, h);

    private static readonly Gen<Case> Cases =
        from fw in Gen.Int[20, 400]
        from fh in Gen.Int[20, 300]
        from w in Gen.Int[1, fw]
        from h in Gen.Int[1, fh]
        from x in Gen.Int[0, fw - w]
        from y in Gen.Int[0, fh - h]
        from lw in Gen.Int[4, 90]
        from lh in Gen.Int[4, 20]
        from gapBig in Gen.Bool
        let gap = gapBig ? 8 : 2
        from occupied in AnyRect.Array[0, 6]
        select new Case(fw, fh, new PixelRect(x, y, w, h), lw, lh, gap, occupied);

    [Fact]
    public void A_Label_Never_Covers_Or_Touches_The_Object_It_Names_When_There_Is_Room_Beside_It()
    {
        Cases.Where(c => c.HasRoom).Sample(c =>
        {
            var label = LabelPlacement.Place(c.Anchor, c.LabelWidth, c.LabelHeight, c.FrameWidth, c.FrameHeight, c.Gap, c.Occupied);

            var grown = new PixelRect(c.Anchor.X - 1, c.Anchor.Y - 1, c.Anchor.Width + 2, c.Anchor.Height + 2);
            Assert.True(label.Intersect(grown).IsEmpty, $"label {label} touches object {c.Anchor}");
            Assert.Equal(label.Area, label.Intersect(new PixelRect(0, 0, c.FrameWidth, c.FrameHeight)).Area);
            Assert.Equal((c.LabelWidth, c.LabelHeight), (label.Width, label.Height));
        }, iter: 5000);
    }

    [Fact]
    public void A_Label_Takes_A_Free_Place_Beside_Its_Object_Before_Overlapping_Another_Label()
    {
        var anchor = new PixelRect(50, 50, 10, 10);
        var above = LabelPlacement.Place(anchor, 20, 8, 200, 200);
        var second = LabelPlacement.Place(anchor, 20, 8, 200, 200, occupied: [above]);

        Assert.Equal(new PixelRect(45, 40, 20, 8), above);
        Assert.Equal(new PixelRect(45, 62, 20, 8), second);
    }

    [Fact]
    public void Drawn_Labels_And_Leader_Lines_Never_Change_A_Pixel_Of_The_Object_They_Name()
    {
        const int W = 160, H = 120;
        var gen =
            from w in Gen.Int[1, 40]
            from h in Gen.Int[1, 40]
            from x in Gen.Int[0, W - w]
            from y in Gen.Int[0, H - h]
            from id in Gen.Int[1, 999]
            from cls in Gen.Int[0, 4]
            select (Rect: new PixelRect(x, y, w, h), Id: id, Class: (ObjectClass)cls);

        gen.Sample(c =>
        {
            var o = RenderTestData.Box(c.Id, c.Class, c.Rect, W, H);
            var (lw, lh) = LabelAnnotator.Measure(LabelAnnotator.Text(o));
            var room = new Case(W, H, c.Rect, lw, lh, 8, []);
            if (!room.HasRoom) return;
            using var canvas = new OverlayCanvas(RenderTestData.Grey(0, W, H, 0));

            new LabelAnnotator().Annotate(canvas, new FrameDetections(0, W, H, [o]));

            for (int y = c.Rect.Y; y < c.Rect.Bottom; y++)
                for (int x = c.Rect.X; x < c.Rect.Right; x++)
                    for (int k = 0; k < 3; k++)
                        Assert.True(canvas.Pixels[(y * W + x) * 3 + k] == 0, $"pixel ({x},{y}) of object {c.Rect} was drawn on");
        }, iter: 400);
    }

    [Fact]
    public void A_Tiny_Object_Gets_A_Leader_Line_And_A_Label_Set_Further_Off()
    {
        const int W = 120, H = 90;
        var o = RenderTestData.Box(4, ObjectClass.Car, new PixelRect(60, 50, 3, 3), W, H);
        using var canvas = new OverlayCanvas(RenderTestData.Grey(0, W, H, 0));

        new LabelAnnotator(leaderBelow: 10).Annotate(canvas, new FrameDetections(0, W, H, [o]));

        // The label sits above, further than the usual gap; the leader ends just above the object, in the track's colour.
        var anchor = new PixelRect(60, 50, 3, 3);
        var (lw, lh) = LabelAnnotator.Measure(LabelAnnotator.Text(o));
        var label = LabelPlacement.Place(anchor, lw, lh, W, H, 8, [anchor]);
        var (ex, ey) = LabelPlacement.LeaderEnd(anchor, label);
        Assert.Equal(50 - 8, label.Bottom);
        Assert.Equal((61, 49), (ex, ey));
        int p = (ey * W + ex) * 3;
        Assert.Equal(TrackColors.For(4), (canvas.Pixels[p], canvas.Pixels[p + 1], canvas.Pixels[p + 2]));
    }
}
