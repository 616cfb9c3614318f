using OpenCvSharp;

namespace SatVideoSeg.Video.Rendering;

/// <summary>Small overlay text that stays legible on any background: a black 3 px stroke under the glyphs.</summary>
public static class OutlinedText
{
    /// <summary>Draws <paramref name="text"/> at <paramref name="origin"/> (baseline left), Hershey Simplex at <paramref name="scale"/>, in <paramref name="colour"/> over a black outline.</summary>
    public static void Draw(Mat mat, string text, Point origin, double scale, Scalar colour)
    {
        Cv2.PutText(mat, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.Black, 3, LineTypes.AntiAlias);
        Cv2.PutText(mat, text, origin, HersheyFonts.HersheySimplex, scale, colour, 1, LineTypes.AntiAlias);
    }
}
