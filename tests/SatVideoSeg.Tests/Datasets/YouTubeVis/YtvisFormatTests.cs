using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.YouTubeVis;

public class YtvisFormatTests
{
    private static YtvisDataset Sample()
    {
        var m0 = CocoRle.Encode(TestFrames.FromArt(4, 3, 1, 0, "##", "#."));
        var m2 = CocoRle.Encode(TestFrames.FromArt(4, 3, 0, 2, "#"));
        return new YtvisDataset(
            [new YtvisVideo(1, 4, 3, 3, ["s/000001.jpg", "s/000002.jpg", "s/000003.jpg"])],
            [new YtvisAnnotation(1, 1, 4, [m0, null, m2], [3, null, 1], [new BoxXywh(1, 0, 2, 2), null, new BoxXywh(0, 2, 1, 1)])
                { Attributes = new Dictionary<string, string> { ["source_id"] = "17", ["fine_class"] = "C1" } }],
            [new YtvisCategory(4, "car")]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_Dataset_Round_Trips_With_Compressed_Or_Uncompressed_Rle(bool compressed)
    {
        using var dir = new TempDir();
        var sample = Sample();

        YtvisFormat.Save(dir.File("a.json"), sample, compressed);
        var back = YtvisFormat.Load(dir.File("a.json"));

        var a = Assert.Single(back.Annotations);
        Assert.Equal(sample.Annotations[0].Segmentations.Select(s => s?.ToCompressedString()), a.Segmentations.Select(s => s?.ToCompressedString()));
        Assert.Equal(sample.Annotations[0].Areas, a.Areas);
        Assert.Equal(sample.Annotations[0].Bboxes, a.Bboxes);
        Assert.Equal("17", a.Attributes["source_id"]);
        Assert.Equal(sample.Videos[0].FileNames, back.Videos[0].FileNames);
        Assert.Equal("car", back.Categories[0].Name);
        // Saving what was read gives the same bytes.
        YtvisFormat.Save(dir.File("b.json"), back, compressed);
        Assert.Equal(File.ReadAllBytes(dir.File("a.json")), File.ReadAllBytes(dir.File("b.json")));
    }

    [Fact]
    public void Compressed_Counts_Are_Pycocotools_Strings_And_Absent_Frames_Are_Null()
    {
        string json = System.Text.Encoding.UTF8.GetString(YtvisFormat.ToJson(Sample()));

        // 4x3 mask with (1,0), (2,0), (1,1) set: column-major runs [3,2,1,1,5]; from the fourth run on
        // the difference to the run two back is stored: 3,2,1,-1,4 -> '3','2','1','O' (-1 = 31+48),'4'.
        Assert.Contains("\"counts\": \"321O4\"", json);
        Assert.Contains("\"size\": [\n", json);
        Assert.Contains("null", json);
        Assert.DoesNotContain("date", json);
    }

    [Fact]
    public void Seqinfo_And_Class_Map_Round_Trip()
    {
        using var dir = new TempDir();
        var info = new MotsSeqInfo("car-01", 640, 480, 90, FrameBase: 0, FrameRate: 25, ImageExtension: ".png");

        info.Save(dir.File("seqinfo.ini"));
        MotsClassMap.Save(dir.File("classes.txt"));

        Assert.Equal(info, MotsSeqInfo.Load(dir.File("seqinfo.ini")));
        var map = MotsClassMap.Load(dir.File("classes.txt"));
        Assert.Equal("airplane", map[1]);
        Assert.Equal("car", map[4]);
        Assert.Equal("ignore", map[10]);
    }
}
