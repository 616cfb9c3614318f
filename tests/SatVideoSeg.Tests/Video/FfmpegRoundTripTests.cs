using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video;
using SatVideoSeg.Video.Ffmpeg;
using SatVideoSeg.Video.Sinks;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Video;

public class FfmpegRoundTripTests
{
    private static Frame Gradient(int index, int w, int h)
    {
        var px = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int p = (y * w + x) * 3;
                px[p] = (byte)(x * 4 + index * 10);
                px[p + 1] = (byte)(y * 4);
                px[p + 2] = 128;
            }
        return new Frame(index, w, h, px);
    }

    [Fact]
    public void An_Encoded_Video_Decodes_To_The_Same_Frame_Count_Size_And_Close_Pixels()
    {
        using var dir = new TempDir();
        string path = dir.File("v.mp4");
        using (var sink = new H264FileSink(path, 64, 48, 10, crf: 10))
        {
            for (int i = 0; i < 12; i++) sink.Write(Gradient(i, 64, 48));
            sink.Complete();
        }

        using var source = new FfmpegFrameSource(path);
        var frames = source.ReadFrames().ToList();

        Assert.Equal((64, 48, 12), (source.Info.Width, source.Info.Height, source.Info.FrameCount ?? -1));
        Assert.Equal(12, frames.Count);
        Assert.Equal(Enumerable.Range(0, 12), frames.Select(f => f.Index));
        double meanError = frames[5].Pixels.Zip(Gradient(5, 64, 48).Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 6, $"mean absolute error {meanError:0.00} after H.264 at crf 10");
    }

    [Fact]
    public void Frames_Disposed_After_Use_Recycle_Their_Buffers_Without_Changing_The_Pixels()
    {
        using var dir = new TempDir();
        var (video, _) = TestVideo.Write(dir.Path);
        List<byte[]> copies;
        using (var source = new FfmpegFrameSource(video))
            copies = source.ReadFrames().Select(f => (byte[])f.Pixels.Clone()).ToList();

        var buffers = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        int index = 0;
        using (var source = new FfmpegFrameSource(video))
        {
            foreach (var frame in source.ReadFrames())
            {
                Assert.Equal(copies[index++], frame.Pixels);
                buffers.Add(frame.Pixels);
                frame.Dispose();
            }
        }

        Assert.Equal(TestVideo.Frames, index);
        Assert.Single(buffers);
    }

    [Fact]
    public void Odd_Frame_Sizes_Are_Padded_To_Even_For_Yuv420p()
    {
        using var dir = new TempDir();
        string path = dir.File("odd.mp4");
        using (var sink = new H264FileSink(path, 31, 17, 5))
        {
            for (int i = 0; i < 3; i++) sink.Write(Gradient(i, 31, 17));
            sink.Complete();
        }

        var info = FfprobeReader.Probe(path);

        Assert.Equal((32, 18, 3), (info.Width, info.Height, info.FrameCount ?? -1));
    }

    [Fact]
    public void An_Unfinished_Sink_Leaves_No_File()
    {
        using var dir = new TempDir();
        string path = dir.File("never.mp4");
        using (var sink = new H264FileSink(path, 32, 32, 5))
        {
            sink.Write(Gradient(0, 32, 32));
        }

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_Truncated_Video_Is_Reported_By_Name()
    {
        using var dir = new TempDir();
        string path = dir.File("v.mp4");
        using (var sink = new H264FileSink(path, 64, 48, 10))
        {
            for (int i = 0; i < 30; i++) sink.Write(Gradient(i, 64, 48));
            sink.Complete();
        }
        var bytes = File.ReadAllBytes(path);
        string cut = dir.File("cut.mp4");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var e = Assert.ThrowsAny<VideoFormatException>(() =>
        {
            using var source = new FfmpegFrameSource(cut);
            foreach (var _ in source.ReadFrames()) { }
        });
        Assert.Contains("cut.mp4", e.Message);
    }

    [Fact]
    public void A_File_That_Is_Not_A_Video_Is_Reported_By_Name()
    {
        using var dir = new TempDir();
        string path = dir.File("notes.mp4");
        File.WriteAllText(path, "not a video");

        var e = Assert.Throws<VideoFormatException>(() => new FfmpegFrameSource(path));
        Assert.Contains("notes.mp4", e.Message);
    }
}
