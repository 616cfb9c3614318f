using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Tracking;

/// <summary>
/// An object's look: the BGR pixels of its box in one frame (whole pixels, cut to the frame), kept
/// to find it in a later frame with <see cref="TemplateMatcher"/>.
/// </summary>
public sealed class AppearanceTemplate
{
    private AppearanceTemplate(byte[] pixels, PixelRect rect, (bool, bool, bool, bool) edges)
    {
        Pixels = pixels;
        Rect = rect;
        Edges = edges;
    }

    /// <summary>BGR pixels, row-major, <see cref="Rect"/>'s size.</summary>
    public byte[] Pixels { get; }

    /// <summary>Where it was cut from, in frame pixels.</summary>
    public PixelRect Rect { get; }

    /// <summary>Whether it touches the frame's edge: then it holds only the part of the object in view.</summary>
    public bool AtFrameEdge => Edges != default;

    /// <summary>Which of the frame's edges it touches (left, top, right, bottom).</summary>
    public (bool Left, bool Top, bool Right, bool Bottom) Edges { get; }

    /// <summary>The pixels of <paramref name="box"/> (rounded to whole pixels) in <paramref name="frame"/>, or null when less than 3x3 of it is inside.</summary>
    public static AppearanceTemplate? Cut(Frame frame, BoxXyxy box)
    {
        var rect = box.ToPixelRect().Intersect(new PixelRect(0, 0, frame.Width, frame.Height));
        if (rect.Width < 3 || rect.Height < 3) return null;
        var pixels = new byte[rect.Width * rect.Height * 3];
        for (int y = 0; y < rect.Height; y++)
            frame.Pixels.AsSpan(((rect.Y + y) * frame.Width + rect.X) * 3, rect.Width * 3).CopyTo(pixels.AsSpan(y * rect.Width * 3));
        return new AppearanceTemplate(pixels, rect, (rect.X == 0, rect.Y == 0, rect.Right == frame.Width, rect.Bottom == frame.Height));
    }
}
