using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Tests.Video.Rendering;

/// <summary>Frames and detections built in code for the rendering tests.</summary>
public static class RenderTestData
{
    /// <summary>A uniform grey frame.</summary>
    public static Frame Grey(int index, int width, int height, byte value = 100)
    {
        var pixels = new byte[width * height * 3];
        pixels.AsSpan().Fill(value);
        return new Frame(index, width, height, pixels);
    }

    /// <summary>An object whose mask fills a rectangle.</summary>
    public static SegmentedObject Box(int trackId, ObjectClass cls, PixelRect rect, int frameWidth, int frameHeight, PromptSource source = PromptSource.Annotated) =>
        new(new ObjectPrompt(trackId, cls, rect.ToBox(), source), BitMask.FromBox(rect.ToBox(), frameWidth, frameHeight), 0.9, 1);

    /// <summary>A random mask: each pixel of a random window set with probability one half.</summary>
    public static BitMask RandomMask(Random rng, int width, int height)
    {
        int w = rng.Next(1, width + 1), h = rng.Next(1, height + 1);
        var rect = new PixelRect(rng.Next(0, width - w + 1), rng.Next(0, height - h + 1), w, h);
        var data = new byte[rect.Area];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)rng.Next(2);
        return new BitMask(width, height, rect, data);
    }

    /// <summary>A few frames of three moving objects (a large airplane, a tiny car, a ship with a predicted prompt).</summary>
    public static IEnumerable<(Frame Frame, FrameDetections Detections)> Sequence(int frames, int width = 200, int height = 150)
    {
        for (int i = 0; i < frames; i++)
        {
            var (frame, masks) = Support.TestFrames.Ellipses(i, width, height, (40 + 4 * i, 50, 18, 12), (120, 30 + 3 * i, 3, 2), (150 - 2 * i, 110, 8, 4));
            var classes = new[] { ObjectClass.Airplane, ObjectClass.Car, ObjectClass.Ship };
            var objects = masks.Select((m, k) => new SegmentedObject(
                new ObjectPrompt(k + 1, classes[k], m.TightRect().ToBox(), k == 2 ? PromptSource.Predicted : PromptSource.Annotated), m, 0.8, 1)).ToArray();
            yield return (frame, new FrameDetections(i, width, height, objects));
        }
    }
}
