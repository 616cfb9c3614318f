using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Tests.Video;

/// <summary>A video with a broken packet: FFmpeg conceals it and exits 0, which must not pass unnoticed.</summary>
public class DamagedVideoTests
{
    // Flips 60 bytes in the middle of the media data (the mdat box), where the frames' slices are.
    private static string Damaged(TempDir dir)
    {
        var (video, _) = TestVideo.Write(dir.Path);
        var bytes = File.ReadAllBytes(video);
        int mdat = bytes.AsSpan().IndexOf("mdat"u8);
        int start = mdat + (bytes.Length - mdat) / 2;
        for (int k = start; k < start + 60; k++) bytes[k] ^= 0x5A;
        File.WriteAllBytes(video, bytes);
        return video;
    }

    [Fact]
    public void A_Broken_Packet_Stops_Decoding_By_Default_Naming_The_File()
    {
        using var dir = new TempDir();
        string video = Damaged(dir);
        using var source = new FfmpegFrameSource(video);

        var e = Assert.Throws<VideoFormatException>(() => source.ReadFrames().ToList().ForEach(f => f.Dispose()));

        Assert.StartsWith(video + ": ", e.Message);
        Assert.Matches("damage near frame [0-9]+|truncated or corrupt video", e.Message);
    }

    [Fact]
    public void Use_Keeps_Every_Frame_FFmpeg_Decoded_And_Lists_The_Damage()
    {
        using var dir = new TempDir();
        using var source = new FfmpegFrameSource(Damaged(dir), DamagedFramePolicy.Use);

        int frames = source.ReadFrames().Count();

        Assert.Equal(TestVideo.Frames, frames);
        Assert.Contains("the decoder reported damage", Assert.Single(source.DamagedFrames).Problem);
    }

    [Fact]
    public void An_Undamaged_Video_Reports_No_Damage_Under_Any_Policy()
    {
        using var dir = new TempDir();
        var (video, _) = TestVideo.Write(dir.Path);
        using var source = new FfmpegFrameSource(video, DamagedFramePolicy.Skip);

        Assert.Equal(TestVideo.Frames, source.ReadFrames().Count());
        Assert.Empty(source.DamagedFrames);
    }
}
