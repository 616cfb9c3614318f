using OpenCvSharp;
using SatVideoSeg.Datasets;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Davis;

public class IndexedPngTests
{
    [Theory]
    [InlineData(8, 0)]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(8, 3)]
    [InlineData(8, 4)]
    [InlineData(4, 4)]
    [InlineData(2, 0)]
    [InlineData(1, 2)]
    public void Palette_Indices_Round_Trip_For_Every_Filter_And_Bit_Depth(int bitDepth, int filter)
    {
        using var dir = new TempDir();
        int w = 13, h = 5, max = (1 << bitDepth) - 1;
        var indices = Enumerable.Range(0, w * h).Select(i => (byte)((i * 7 + i / w) % (max + 1))).ToArray();
        TestPng.WritePalette(dir.File("a.png"), w, h, indices, bitDepth, filter);

        var (width, height, pixels) = IndexedPng.Read(dir.File("a.png"));

        Assert.Equal((w, h), (width, height));
        Assert.Equal(indices, pixels);
    }

    [Fact]
    public void OpenCV_Would_Have_Expanded_The_Palette_To_Colour()
    {
        // Why IndexedPng exists: imread(Unchanged) returns BGR for a palette PNG, not the indices.
        using var dir = new TempDir();
        TestPng.WritePalette(dir.File("a.png"), 4, 1, [0, 1, 2, 255]);

        using var mat = Cv2.ImRead(dir.File("a.png"), ImreadModes.Unchanged);

        Assert.Equal(3, mat.Channels());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, IndexedPng.Read(dir.File("a.png")).Pixels);
    }

    [Fact]
    public void A_Colour_Png_Is_Rejected_With_The_File_Name()
    {
        using var dir = new TempDir();
        using (var mat = new Mat(2, 2, MatType.CV_8UC3, Scalar.All(9))) Cv2.ImWrite(dir.File("rgb.png"), mat);

        var e = Assert.Throws<AnnotationFormatException>(() => IndexedPng.Read(dir.File("rgb.png")));

        Assert.Contains("rgb.png", e.Message);
        Assert.Contains("colour type 2", e.Message);
    }
}
