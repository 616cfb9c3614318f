using OpenCvSharp;
using SatVideoSeg.Video;
using SatVideoSeg.Video.Sources;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Video;

/// <summary>Frame files cut short (issue 18: a JPEG truncated to 3000 bytes was decoded and the run exited 0).</summary>
public class DamagedFrameTests
{
    private static byte[] Encode(string ext, int value)
    {
        // Noise, so the JPEG is well over 3000 bytes and its cut-off rows hold data.
        using var m = new Mat(120, 160, MatType.CV_8UC3);
        Cv2.Randu(m, new Scalar(0, 0, 0), new Scalar(value, 255, 255));
        Cv2.ImEncode(ext, m, out var bytes);
        return bytes;
    }

    private static string Folder(TempDir dir, string ext, int frames, int truncated, int keepBytes)
    {
        string folder = dir.File("frames");
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= frames; i++)
        {
            var bytes = Encode(ext, 40 + 20 * i);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D6}{ext}"), i == truncated ? bytes[..keepBytes] : bytes);
        }
        return folder;
    }

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    public void Complete_Files_Pass_And_Files_Cut_Short_Are_Named(string ext)
    {
        var bytes = Encode(ext, 200);

        Assert.Null(FrameFileCheck.Problem(bytes, bytes));
        Assert.Contains("the file is cut short", FrameFileCheck.Problem(bytes, bytes[..3000]));
        Assert.Contains("the file is cut short", FrameFileCheck.Problem(bytes, bytes[..^1]));
    }

    [Fact]
    public void A_Jpeg_Padded_With_Zeros_After_Its_End_Marker_Is_Complete()
    {
        var bytes = Encode(".jpg", 200);

        Assert.Null(FrameFileCheck.Problem(bytes, [.. bytes, 0, 0, 0]));
    }

    [Fact]
    public void A_Truncated_Jpeg_In_A_Folder_Stops_The_Source_With_Its_File_And_One_Based_Frame()
    {
        using var dir = new TempDir();
        string folder = Folder(dir, ".jpg", 8, truncated: 7, keepBytes: 3000);

        var e = Assert.Throws<VideoFormatException>(() => new ImageSequenceSource(folder));

        Assert.StartsWith(Path.Combine(folder, "000007.jpg") + ": frame 7 is damaged: no JPEG end marker (FF D9)", e.Message);
        Assert.Contains("--damaged-frames", e.Message);
    }

    [Fact]
    public void Skip_Leaves_The_Damaged_Frame_Out_And_Later_Frames_Keep_Their_Numbers()
    {
        using var dir = new TempDir();
        string folder = Folder(dir, ".png", 4, truncated: 2, keepBytes: 500);
        using var source = new ImageSequenceSource(folder, damaged: DamagedFramePolicy.Skip);

        var indices = source.ReadFrames().Select(f => { f.Dispose(); return f.Index; }).ToArray();

        Assert.Equal([0, 2, 3], indices);
        var d = Assert.Single(source.DamagedFrames);
        Assert.Equal((1, DamagedFramePolicy.Skip), (d.FrameIndex, d.Policy));
    }

    [Fact]
    public void Use_Decodes_What_Is_There_And_Lists_The_Frame()
    {
        using var dir = new TempDir();
        string folder = Folder(dir, ".jpg", 3, truncated: 1, keepBytes: 3000);
        using var source = new ImageSequenceSource(folder, damaged: DamagedFramePolicy.Use);

        var frames = source.ReadFrames().Select(f => { f.Dispose(); return f.Index; }).ToArray();

        Assert.Equal([0, 1, 2], frames);
        Assert.Equal(Path.Combine(folder, "000001.jpg"), Assert.Single(source.DamagedFrames).File);
        Assert.Equal((160, 120), (source.Info.Width, source.Info.Height));
    }
}
