using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Metrics;

public class DavisBoundaryTests
{
    private static HashSet<(int, int)> Pixels(BitMask m)
    {
        var set = new HashSet<(int, int)>();
        for (int y = 0; y < m.FrameHeight; y++)
            for (int x = 0; x < m.FrameWidth; x++)
                if (m[x, y]) set.Add((x, y));
        return set;
    }

    [Fact]
    public void Seg2bmap_Of_One_Pixel_Is_The_Pixel_And_Its_Left_Upper_And_Upper_Left_Neighbours()
    {
        // b = seg^e | seg^s | seg^se: (2,2) differs from its empty right neighbour; (1,2) from its right
        // neighbour (2,2); (2,1) from its lower neighbour; (1,1) from its lower-right neighbour.
        var b = DavisBoundary.Seg2Bmap(TestFrames.FromArt(5, 5, 2, 2, "#"));

        Assert.Equal(new HashSet<(int, int)> { (1, 1), (2, 1), (1, 2), (2, 2) }, Pixels(b));
    }

    [Fact]
    public void Seg2bmap_Of_A_Square_Is_Shifted_Half_A_Pixel_Towards_The_Origin()
    {
        // 2x2 block at (1,1): its top-left pixel equals all three neighbours (not boundary); its other
        // three pixels and the five background pixels left/above/upper-left of it are: 8 pixels.
        var b = DavisBoundary.Seg2Bmap(TestFrames.FromArt(5, 5, 1, 1, "##", "##"));

        Assert.Equal(new HashSet<(int, int)> { (0, 0), (1, 0), (2, 0), (0, 1), (0, 2), (2, 1), (1, 2), (2, 2) }, Pixels(b));
    }

    [Fact]
    public void Seg2bmap_Ignores_The_Frame_Edge_In_The_Last_Row_And_Column()
    {
        // The whole last row of a 4x3 frame: in that row only right neighbours count (all equal; the
        // corner is forced to 0), so the boundary is the row above it, whose pixels differ from below.
        var lastRow = TestFrames.FromArt(4, 3, 0, 2, "####");
        Assert.Equal(new HashSet<(int, int)> { (0, 1), (1, 1), (2, 1), (3, 1) }, Pixels(DavisBoundary.Seg2Bmap(lastRow)));

        // A mask covering the whole frame has no boundary at all.
        var full = new BitMask(4, 3, new PixelRect(0, 0, 4, 3), Enumerable.Repeat((byte)1, 12).ToArray());
        Assert.True(DavisBoundary.Seg2Bmap(full).IsEmpty);
    }

    [Theory]
    [InlineData(640, 480, 0.008, 7)]   // ceil(0.008 * 800) = ceil(6.4)
    [InlineData(854, 480, 0.008, 8)]   // DAVIS 480p: ceil(0.008 * 979.65) = ceil(7.84)
    [InlineData(20, 20, 0.008, 1)]     // ceil(0.226)
    [InlineData(640, 480, 3, 3)]       // a threshold of 1 or more is a radius in pixels
    public void Radius_Is_The_Ceiling_Of_The_Threshold_Times_The_Diagonal(int w, int h, double threshold, int expected)
    {
        Assert.Equal(expected, DavisBoundary.Radius(w, h, threshold));
    }

    [Theory]
    // One-pixel annotation at (2,2) in a 9x9 frame, one-pixel prediction at (2+dx, 2+dy); boundaries are
    // the 2x2 blocks ending at each pixel.
    [InlineData(1, 0, 1, 1.0)]   // adjacent: every boundary pixel is within 1 px of the other boundary (J would be 0)
    [InlineData(2, 0, 1, 0.5)]   // two columns apart: the facing halves match, P = R = 2/4
    [InlineData(2, 2, 1, 0.0)]   // diagonal: (3,3) is sqrt(2) > 1 from (2,2)
    [InlineData(2, 2, 2, 0.25)]  // radius 2: only (3,3)-(2,2) is within reach (1+1 <= 4; 4+1 > 4): P = R = 1/4
    [InlineData(0, 0, 1, 1.0)]   // identical
    public void F_Measure_Counts_Boundary_Pixels_Within_The_Disk(int dx, int dy, int radius, double expected)
    {
        var annotated = TestFrames.FromArt(9, 9, 2, 2, "#");
        var predicted = TestFrames.FromArt(9, 9, 2 + dx, 2 + dy, "#");

        Assert.Equal(expected, DavisBoundary.FMeasure(predicted, annotated, radius), 12);
    }

    [Fact]
    public void F_Measure_Empty_Cases_Follow_The_Reference()
    {
        var empty = BitMask.Empty(9, 9);
        var some = TestFrames.FromArt(9, 9, 2, 2, "#");

        Assert.Equal(1, DavisBoundary.FMeasure(empty, empty, 1)); // no boundary on either side: P = R = 1
        Assert.Equal(0, DavisBoundary.FMeasure(some, empty, 1));  // prediction only: P = 0, R = 1
        Assert.Equal(0, DavisBoundary.FMeasure(empty, some, 1));  // annotation only: P = 1, R = 0
    }

    [Fact]
    public void Seg2bmap_And_F_Equal_A_Literal_Full_Frame_Transcription_On_Random_Masks()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            int w = rng.Next(1, 9), h = rng.Next(1, 9), r = rng.Next(1, 4);
            var a = RandomFullFrame(rng, w, h);
            var b = RandomFullFrame(rng, w, h);
            var ma = BitMask.FromFullFrame(a, w, h);
            var mb = BitMask.FromFullFrame(b, w, h);

            var ba = LiteralSeg2bmap(a, w, h);
            Assert.Equal(ba, Full(DavisBoundary.Seg2Bmap(ma)));
            Assert.Equal(LiteralF(b, a, w, h, r), DavisBoundary.FMeasure(mb, ma, r), 12);
        }
    }

    private static byte[] RandomFullFrame(Random rng, int w, int h)
    {
        var f = new byte[w * h];
        int density = rng.Next(0, 4); // 0: empty, 3: mostly set
        for (int i = 0; i < f.Length; i++) f[i] = (byte)(rng.Next(4) < density ? 1 : 0);
        return f;
    }

    private static byte[] Full(BitMask m)
    {
        var f = new byte[m.FrameWidth * m.FrameHeight];
        m.PaintInto(f, 1);
        return f;
    }

    // numpy's _seg2bmap, operation by operation.
    private static byte[] LiteralSeg2bmap(byte[] seg, int w, int hgt)
    {
        byte S(int x, int y) => x < w && y < hgt ? seg[y * w + x] : (byte)0;
        var b = new byte[w * hgt];
        for (int y = 0; y < hgt; y++)
            for (int x = 0; x < w; x++)
            {
                int s0 = S(x, y), e = S(x + 1, y), s = S(x, y + 1), se = S(x + 1, y + 1);
                b[y * w + x] = (byte)((s0 ^ e) | (s0 ^ s) | (s0 ^ se));
            }
        for (int x = 0; x < w; x++) b[(hgt - 1) * w + x] = (byte)(S(x, hgt - 1) ^ S(x + 1, hgt - 1));
        for (int y = 0; y < hgt; y++) b[y * w + w - 1] = (byte)(S(w - 1, y) ^ S(w - 1, y + 1));
        b[(hgt - 1) * w + w - 1] = 0;
        return b;
    }

    // f_measure with cv2.dilate(disk(r)) written as "any pixel of the other boundary within dx^2 + dy^2 <= r^2".
    private static double LiteralF(byte[] fg, byte[] gt, int w, int h, int r)
    {
        var fb = LiteralSeg2bmap(fg, w, h);
        var gb = LiteralSeg2bmap(gt, w, h);
        bool Near(byte[] other, int x, int y)
        {
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++)
                    if (other[yy * w + xx] != 0 && (xx - x) * (xx - x) + (yy - y) * (yy - y) <= r * r) return true;
            return false;
        }
        int nFg = fb.Sum(v => v), nGt = gb.Sum(v => v), fgMatch = 0, gtMatch = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                if (fb[y * w + x] != 0 && Near(gb, x, y)) fgMatch++;
                if (gb[y * w + x] != 0 && Near(fb, x, y)) gtMatch++;
            }
        double precision, recall;
        if (nFg == 0 && nGt > 0) { precision = 1; recall = 0; }
        else if (nFg > 0 && nGt == 0) { precision = 0; recall = 1; }
        else if (nFg == 0 && nGt == 0) { precision = 1; recall = 1; }
        else { precision = (double)fgMatch / nFg; recall = (double)gtMatch / nGt; }
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
