using OpenCvSharp;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Video.Sources;

public class ImageSequenceSourceTests
{
    private static void WriteImage(string path, int w, int h, byte value)
    {
        using var m = new Mat(h, w, MatType.CV_8UC3, new Scalar(value, value, value));
        Cv2.ImWrite(path, m);
    }

    [Fact]
    public void Frames_Are_Read_In_Natural_Order()
    {
        using var dir = new TempDir();
        WriteImage(dir.File("f10.png"), 8, 6, 100);
        WriteImage(dir.File("f2.png"), 8, 6, 20);
        WriteImage(dir.File("f1.png"), 8, 6, 10);

        using var source = new ImageSequenceSource(dir.Path);

        Assert.Equal(new byte[] { 10, 20, 100 }, source.ReadFrames().Select(f => f.Pixels[0]));
    }

    [Fact]
    public void A_Frame_That_Grows_Is_Cut_To_The_First_Frame_Size_And_Recorded()
    {
        using var dir = new TempDir();
        WriteImage(dir.File("1.png"), 8, 6, 10);
        WriteImage(dir.File("2.png"), 8, 7, 20);
        WriteImage(dir.File("3.png"), 8, 7, 30);

        using var source = new ImageSequenceSource(dir.Path);
        var frames = source.ReadFrames().ToList();

        Assert.All(frames, f => Assert.Equal((8, 6), (f.Width, f.Height)));
        var change = Assert.Single(source.SizeChanges);
        Assert.Equal((1, 8, 7), (change.FrameIndex, change.Width, change.Height));
    }

    [Fact]
    public void The_Fail_Policy_Names_The_Frame_That_Changed_Size()
    {
        using var dir = new TempDir();
        WriteImage(dir.File("1.png"), 8, 6, 10);
        WriteImage(dir.File("2.png"), 9, 6, 20);

        using var source = new ImageSequenceSource(dir.Path, policy: FrameSizePolicy.Fail);

        var e = Assert.Throws<VideoFormatException>(() => source.ReadFrames().ToList());
        Assert.Contains("2.png: frame 2 is 9x6", e.Message);
    }

    [Fact]
    public void A_Single_Image_Is_A_One_Frame_Video()
    {
        using var dir = new TempDir();
        WriteImage(dir.File("one.jpg"), 8, 6, 50);

        using var source = FrameSources.Open(dir.File("one.jpg"));

        Assert.Single(source.ReadFrames());
    }

    [Fact]
    public void An_Unreadable_Image_Is_Reported_With_Its_Frame()
    {
        using var dir = new TempDir();
        WriteImage(dir.File("1.png"), 8, 6, 10);
        File.WriteAllText(dir.File("2.png"), "garbage");

        using var source = new ImageSequenceSource(dir.Path);

        var e = Assert.Throws<VideoFormatException>(() => source.ReadFrames().ToList());
        Assert.Contains("2.png: frame 2 is not a readable image", e.Message);
    }

    [RealDataFact("jilin1-car-0001")]
    public void The_Real_Jilin1_Sequence_Keeps_718x358_Through_Its_Size_Change_At_Frame_51()
    {
        using var source = new ImageSequenceSource(Path.Combine(RealData.Path("jilin1-car-0001"), "frames"));

        int n = 0;
        foreach (var f in source.ReadFrames())
        {
            Assert.Equal((718, 358), (f.Width, f.Height));
            n++;
        }

        Assert.Equal(320, n);
        Assert.Equal(50, Assert.Single(source.SizeChanges).FrameIndex);
    }
}
