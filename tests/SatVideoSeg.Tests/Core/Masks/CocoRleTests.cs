using CsCheck;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Masks;

public class CocoRleTests
{
    // Hand-worked from pycocotools' rleToString (FORMATS.md §3):
    //  - empty 3x3: counts [9]; 9 < 16 and nothing left: '9' (57).
    //  - full 3x3: counts [0, 9]: '0' then '9'.
    //  - 2x2 with only pixel (0,0) set: column-major [1,0,0,0] -> counts [0,1,3] -> "013".
    //  - 10x10 empty: [100]: 100 & 31 = 4, rest 3 -> 4|32 = 36 -> 'T'; then 3 -> '3': "T3".
    //  - 25x40 empty: [1000]: 1000 & 31 = 8, rest 31 -> 'X' (8|32+48); 31 has bit 0x10 set, so
    //    another group is needed even though the rest is 0: 31|32 = 63 -> 'o'; then 0 -> '0': "Xo0".
    //  - 4x5 with counts [5,10,3,2]: '5', ':' (10), '3' (index 2 is not differenced), then
    //    2 - 10 = -8: -8 & 31 = 24, rest -1, bit 0x10 set and rest == -1 -> stop: 24+48 = 'H'.
    [Theory]
    [InlineData(3, 3, new long[] { 9 }, "9")]
    [InlineData(3, 3, new long[] { 0, 9 }, "09")]
    [InlineData(2, 2, new long[] { 0, 1, 3 }, "013")]
    [InlineData(10, 10, new long[] { 100 }, "T3")]
    [InlineData(25, 40, new long[] { 1000 }, "Xo0")]
    [InlineData(4, 5, new long[] { 5, 10, 3, 2 }, "5:3H")]
    public void Compressed_String_Matches_Hand_Worked_Pycocotools_Vectors(int h, int w, long[] counts, string expected)
    {
        var rle = new CocoRle(h, w, counts);

        Assert.Equal(expected, rle.ToCompressedString());
        Assert.Equal(counts, CocoRle.FromCompressedString(expected, h, w).Counts);
    }

    [Fact]
    public void Encode_Flattens_Column_Major_And_Starts_With_Background()
    {
        // 2 rows x 3 columns; set pixels (x=1,y=0) and (x=1,y=1) and (x=2,y=1).
        // Column-major: x0: [0,0], x1: [1,1], x2: [0,1] -> runs 2 bg, 2 fg, 1 bg, 1 fg.
        var mask = TestFrames.FromArt(3, 2, 0, 0, ".#.", ".##");

        var rle = CocoRle.Encode(mask);

        Assert.Equal(new long[] { 2, 2, 1, 1 }, rle.Counts);
        Assert.Equal(3, rle.Area);
    }

    [Fact]
    public void Encode_Of_A_Mask_Whose_First_Pixel_Is_Set_Begins_With_A_Zero_Run()
    {
        var mask = TestFrames.FromArt(2, 2, 0, 0, "#.", "..");

        Assert.Equal(new long[] { 0, 1, 3 }, CocoRle.Encode(mask).Counts);
    }

    [Fact]
    public void Decode_Returns_The_Mask_In_Its_Tight_Rectangle()
    {
        var mask = TestFrames.FromArt(20, 10, 5, 3, "..#", ".##", "...");

        var decoded = CocoRle.Encode(mask).Decode();

        Assert.Equal(new PixelRect(6, 3, 2, 2), decoded.Rect);
        Assert.Equal(3, decoded.Area);
        Assert.True(decoded[7, 3] && decoded[6, 4] && decoded[7, 4]);
    }

    [Fact]
    public void Encoding_Only_The_Stored_Rectangle_Gives_The_Runs_Of_A_Pixel_By_Pixel_Walk_Of_The_Frame()
    {
        // Masks stored in any rectangle (touching the frame's edges, loose around the object,
        // empty), against the plain column-major walk over every frame pixel.
        Gen.Select(Gen.Int[1, 10], Gen.Int[1, 10], Gen.Int)
            .Sample((h, w, seed) =>
            {
                var rng = new Random(seed);
                int x0 = rng.Next(w), y0 = rng.Next(h);
                var rect = new PixelRect(x0, y0, rng.Next(1, w - x0 + 1), rng.Next(1, h - y0 + 1));
                var data = new byte[rect.Area];
                for (int i = 0; i < data.Length; i++) data[i] = (byte)(rng.Next(3) == 0 ? 1 : 0);
                var mask = new BitMask(w, h, rect, data);

                var expected = new List<long>();
                long run = 0;
                bool current = false;
                for (int x = 0; x < w; x++)
                    for (int y = 0; y < h; y++)
                    {
                        if (mask[x, y] != current)
                        {
                            expected.Add(run);
                            run = 0;
                            current = !current;
                        }
                        run++;
                    }
                expected.Add(run);
                return CocoRle.Encode(mask).Counts.SequenceEqual(expected);
            }, iter: 500);
    }

    [Fact]
    public void Round_Trip_Preserves_Every_Pixel_Of_Random_Masks()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int)
            .Sample((h, w, seed) =>
            {
                var rng = new Random(seed);
                var full = new byte[w * h];
                for (int i = 0; i < full.Length; i++) full[i] = (byte)(rng.Next(3) == 0 ? 1 : 0);
                var mask = BitMask.FromFullFrame(full, w, h);
                var rle = CocoRle.Encode(mask);
                var back = CocoRle.FromCompressedString(rle.ToCompressedString(), h, w).Decode();
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        if (back[x, y] != (full[y * w + x] == 1)) return false;
                return true;
            }, iter: 300);
    }

    [Fact]
    public void Counts_That_Do_Not_Sum_To_The_Image_Size_Are_Rejected()
    {
        var e = Assert.Throws<FormatException>(() => new CocoRle(3, 3, [4, 4]));
        Assert.Contains("sum to 8, expected 3x3", e.Message);
    }

    [Fact]
    public void A_Truncated_String_Is_Rejected_With_Its_Position()
    {
        // 'X' has the continuation bit set but nothing follows.
        var e = Assert.Throws<FormatException>(() => CocoRle.FromCompressedString("X", 25, 40));
        Assert.Contains("truncated", e.Message);
    }
}
