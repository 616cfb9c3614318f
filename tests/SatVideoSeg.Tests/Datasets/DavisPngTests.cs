using OpenCvSharp;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets;

public class DavisPngTests
{
    [Fact]
    public void Crc32_Matches_The_Png_Reference_Values()
    {
        // Every PNG ends with IEND and CRC AE 42 60 82; CRC32("123456789") = 0xCBF43926 (the standard check value).
        Assert.Equal(0xAE426082u, PngCrc32.Compute("IEND"u8));
        Assert.Equal(0xCBF43926u, PngCrc32.Compute("123456789"u8));
    }

    [Theory]
    // PASCAL VOC colour map entries as DAVIS uses them.
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 128, 0, 0)]
    [InlineData(2, 0, 128, 0)]
    [InlineData(3, 128, 128, 0)]
    [InlineData(4, 0, 0, 128)]
    [InlineData(5, 128, 0, 128)]
    [InlineData(8, 64, 0, 0)]
    [InlineData(255, 224, 224, 192)]
    public void The_Palette_Is_The_Voc_Colour_Map(int index, int r, int g, int b) =>
        Assert.Equal((r, g, b), (VocPalette.Rgb[3 * index], VocPalette.Rgb[3 * index + 1], VocPalette.Rgb[3 * index + 2]));

    [Fact]
    public void An_Indexed_Png_Reads_Back_To_The_Same_Indices_And_OpenCv_Sees_The_Palette_Colours()
    {
        using var dir = new TempDir();
        var indices = new byte[7 * 5];
        indices[0] = 1;
        indices[8] = 2;
        indices[34] = 254;
        string path = dir.File("a.png");
        File.WriteAllBytes(path, IndexedPngWriter.Encode(7, 5, indices));

        var (w, h, pixels) = IndexedPng.Read(path);
        using var bgr = Cv2.ImRead(path, ImreadModes.Color);

        Assert.Equal((7, 5), (w, h));
        Assert.Equal(indices, pixels);
        Assert.Equal(new Vec3b(0, 0, 128), bgr.At<Vec3b>(0, 0)); // index 1 = RGB (128,0,0) = BGR (0,0,128)
        Assert.Equal(new Vec3b(0, 128, 0), bgr.At<Vec3b>(1, 1)); // index 2 = (0,128,0)
    }

    [Fact]
    public void The_Same_Indices_Give_The_Same_Bytes()
    {
        var indices = Enumerable.Range(0, 64 * 48).Select(i => (byte)(i % 7)).ToArray();

        Assert.Equal(IndexedPngWriter.Encode(64, 48, indices), IndexedPngWriter.Encode(64, 48, indices));
    }

    [Fact]
    public void A_Sixteen_Bit_Mots_Png_Reads_Back_And_OpenCv_Agrees()
    {
        using var dir = new TempDir();
        var values = new ushort[6 * 4];
        values[0] = 4001;
        values[5] = 2255;
        values[23] = 65535;
        string path = dir.File("b.png");
        File.WriteAllBytes(path, MotsPng16.Encode(6, 4, values));

        var (w, h, back) = MotsPng16.Read(path);
        using var cv = Cv2.ImRead(path, ImreadModes.Unchanged);

        Assert.Equal((6, 4), (w, h));
        Assert.Equal(values, back);
        Assert.Equal(MatType.CV_16UC1, cv.Type());
        Assert.Equal((ushort)2255, cv.At<ushort>(0, 5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_Davis_Frame_Round_Trips_Its_Masks(bool sixteenBit)
    {
        using var dir = new TempDir();
        var a = BitMask.FromBox(new BoxXyxy(1, 1, 4, 3), 10, 8);
        var b = BitMask.FromBox(new BoxXyxy(6, 2, 9, 8), 10, 8);
        int va = sixteenBit ? 4001 : 1, vb = sixteenBit ? 2002 : 2;

        DavisFormat.SaveFrame(dir.Path, 3, 10, 8, [(va, a), (vb, b)], sixteenBit);
        var frames = DavisFormat.LoadSequence(dir.Path);

        var (frame, objects) = Assert.Single(frames);
        Assert.Equal(3, frame);
        Assert.True(File.Exists(dir.File("00003.png")));
        var byValue = objects.ToDictionary(o => o.Value, o => o.Mask);
        Assert.Equal(CocoRle.Encode(a).ToCompressedString(), CocoRle.Encode(byValue[va]).ToCompressedString());
        Assert.Equal(CocoRle.Encode(b).ToCompressedString(), CocoRle.Encode(byValue[vb]).ToCompressedString());
    }
}
