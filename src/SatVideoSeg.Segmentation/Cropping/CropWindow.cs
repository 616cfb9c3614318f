using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Segmentation.Cropping;

/// <summary>
/// A square window of the frame, in frame pixels: columns [X, X+Side), rows [Y, Y+Side). It may
/// reach past the frame (zero-padded there) when the border policy is zero-pad or the frame is
/// smaller than the window.
/// </summary>
public readonly record struct CropWindow(int X, int Y, int Side)
{
    /// <summary>The window as a rectangle of frame pixels.</summary>
    public PixelRect Rect => new(X, Y, Side, Side);

    /// <summary>The part of the window inside a width x height frame.</summary>
    public PixelRect InsideFrame(int width, int height) => Rect.Intersect(new PixelRect(0, 0, width, height));

    /// <summary>Magnification from frame pixels to an encoder input of side S.</summary>
    public double Scale(int inputSize) => (double)inputSize / Side;

    /// <summary>A frame point in the encoder-input pixels of this window.</summary>
    public (double X, double Y) ToInput(double x, double y, int inputSize) => ((x - X) * Scale(inputSize), (y - Y) * Scale(inputSize));

    /// <summary>A frame box in encoder-input pixels, clipped to the window.</summary>
    public BoxXyxy ToInput(BoxXyxy box, int inputSize)
    {
        var clipped = new BoxXyxy(Math.Clamp(box.X0, X, X + Side), Math.Clamp(box.Y0, Y, Y + Side), Math.Clamp(box.X1, X, X + Side), Math.Clamp(box.Y1, Y, Y + Side));
        double s = Scale(inputSize);
        return new BoxXyxy((clipped.X0 - X) * s, (clipped.Y0 - Y) * s, (clipped.X1 - X) * s, (clipped.Y1 - Y) * s);
    }
}
