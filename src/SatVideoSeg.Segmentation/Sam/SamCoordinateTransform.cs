namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// SAM's ResizeLongestSide as the official predictor applies it: scale = S / max(H, W),
/// newH = int(H*scale + 0.5), newW = int(W*scale + 0.5); x is scaled by newW/W and y by newH/H.
/// (The graph itself adds 0.5 and divides by S.) For "square" resize (SAM 2) both sides become S.
/// </summary>
public readonly record struct SamCoordinateTransform(int OriginalWidth, int OriginalHeight, int ResizedWidth, int ResizedHeight)
{
    /// <summary>The transform for an image of width x height and encoder side S.</summary>
    public static SamCoordinateTransform For(int width, int height, int inputSize, bool square = false)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"degenerate image dimensions: {width}x{height}");
        if (square) return new(width, height, inputSize, inputSize);
        double scale = (double)inputSize / Math.Max(width, height);
        // int(x + 0.5) in Python truncates toward zero; sizes are positive, so floor.
        int newW = (int)Math.Floor(width * scale + 0.5);
        int newH = (int)Math.Floor(height * scale + 0.5);
        return new(width, height, newW, newH);
    }

    /// <summary>Scale from original to resized x.</summary>
    public double ScaleX => (double)ResizedWidth / OriginalWidth;

    /// <summary>Scale from original to resized y.</summary>
    public double ScaleY => (double)ResizedHeight / OriginalHeight;

    /// <summary>An original-image point in encoder-input coordinates.</summary>
    public (double X, double Y) Apply(double x, double y) => (x * ScaleX, y * ScaleY);
}
