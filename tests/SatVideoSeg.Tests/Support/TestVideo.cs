using SatVideoSeg.Video.Sinks;

namespace SatVideoSeg.Tests.Support;

/// <summary>A short H.264 video of two moving ellipses with its MOT box file, written to a folder.</summary>
public static class TestVideo
{
    public const int Width = 96;
    public const int Height = 64;
    public const int Frames = 8;

    /// <summary>Writes video.mp4 and boxes.mot.txt (object 1 a car, object 2 a ship); returns their paths.</summary>
    /// <param name="folder">Where to write them.</param>
    /// <param name="noise">Adds seeded pixel noise, so that every encode of the video (and of its overlay) takes several KB.</param>
    public static (string Video, string Boxes) Write(string folder, bool noise = false)
    {
        var random = new Random(17);
        string video = Path.Combine(folder, "video.mp4");
        string boxes = Path.Combine(folder, "boxes.mot.txt");
        var lines = new List<string>();
        using (var sink = new H264FileSink(video, Width, Height, 10))
        {
            for (int i = 0; i < Frames; i++)
            {
                var (frame, masks) = TestFrames.Ellipses(i, Width, Height, (20 + 3 * i, 20, 8, 5), (70, 40 - 2 * i, 10, 6));
                if (noise)
                {
                    for (int p = 0; p < frame.Pixels.Length; p++) frame.Pixels[p] = (byte)Math.Clamp(frame.Pixels[p] + random.Next(-40, 41), 0, 255);
                }
                sink.Write(frame);
                for (int k = 0; k < masks.Length; k++)
                {
                    var r = masks[k].TightRect();
                    lines.Add($"{i + 1},{k + 1},{r.X},{r.Y},{r.Width},{r.Height},1,{(k == 0 ? 4 : 2)}");
                }
            }
            sink.Complete();
        }
        File.WriteAllLines(boxes, lines);
        return (video, boxes);
    }
}
