using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// The box a track is measured at from the mask of its own predicted prompt (issue 15): the mask's
/// box, scaled by the track's learnt prompt/mask ratio, with its size gated against the track's
/// predicted size, axis by axis:
/// <list type="bullet">
/// <item>a mask that touches the frame's edge is an object entering or leaving: the part in view
/// changes as fast as the object moves, so the size is the mask's, growing by at most the
/// object's other side per frame (<see cref="EdgeReach"/>; unbounded, a mask leaking along a road
/// doubled the prompt frame after frame), and at most the size its class has shown
/// (<see cref="Track.ClassSpan"/>), kept against the edge the mask touches: the object is there,
/// and a leak runs away from it;</item>
/// <item>elsewhere, without <see cref="LinkerOptions.MeasureSizeFromMasks"/> (the default), the
/// size stays the predicted one, at most the class's span where the annotated box was cut by the
/// edge, and the mask gives the centre; with it:</item>
/// <item>a mask that touches a side of its prompt (not the frame's edge) was cut off there: the
/// object goes on past the prompt, so the size may grow but not shrink, and the box is anchored to
/// the side that was not cut;</item>
/// <item>otherwise the size follows the mask within [prior / g, prior · g] per frame (g =
/// <see cref="LinkerOptions.SizeGrowthPerFrame"/>, at least one pixel either way): a mask that
/// leaks into background grows the track slowly, not at once;</item>
/// <item>and within [a / k, a · k] of the last annotated size a (k = <see cref="LinkerOptions.MaxSizeChange"/>),
/// except along an axis where that annotated box touched the frame's edge: an object entering the
/// frame was only partly visible, and its size is the mask's to find.</item>
/// </list>
/// </summary>
public static class MaskBoxMeasurement
{
    // A mask pixel within this distance of the prompt's side touches it.
    private const double TouchTolerance = 1.0;

    /// <summary>What is known of the track when its mask is measured.</summary>
    /// <param name="Predicted">The track's Kalman box at this frame (the prior size).</param>
    /// <param name="Scale">Annotated-box / mask-box size ratio learnt on annotated frames.</param>
    /// <param name="AnnotatedSize">Size of the last annotated box, null when it never had one.</param>
    /// <param name="AnnotatedAtEdge">Whether that box touched the frame's edge along x and along y.</param>
    /// <param name="ClassSpan">
    /// The most an object of the track's class may measure along any axis at the frame's edge
    /// (<see cref="LinkerOptions.ClassSizeSlack"/> times the longest side annotated wholly in view so far); null: no bound.
    /// </param>
    public readonly record struct Track(BoxXyxy Predicted, (double X, double Y) Scale, (double W, double H)? AnnotatedSize, (bool X, bool Y) AnnotatedAtEdge,
        double? ClassSpan = null);

    /// <summary>The measured box of a non-empty mask box <paramref name="mask"/> prompted by <paramref name="prompt"/> in a <paramref name="frameWidth"/> x <paramref name="frameHeight"/> frame.</summary>
    public static BoxXyxy Measure(BoxXyxy mask, BoxXyxy prompt, int frameWidth, int frameHeight, Track track, LinkerOptions options)
    {
        var p = track.Predicted;
        var (x0, x1) = Axis(mask.X0, mask.X1, prompt.X0, prompt.X1, frameWidth, p.Width, EdgeReach(p.Width, p.Height), track.Scale.X,
            track.AnnotatedAtEdge.X ? null : track.AnnotatedSize?.W, track.ClassSpan, options);
        var (y0, y1) = Axis(mask.Y0, mask.Y1, prompt.Y0, prompt.Y1, frameHeight, p.Height, EdgeReach(p.Height, p.Width), track.Scale.Y,
            track.AnnotatedAtEdge.Y ? null : track.AnnotatedSize?.H, track.ClassSpan, options);
        return new BoxXyxy(x0, y0, x1, y1);
    }

    /// <summary>Whether a box touches the edge of a frame along x and along y.</summary>
    public static (bool X, bool Y) AtEdge(BoxXyxy box, int frameWidth, int frameHeight) =>
        (box.X0 <= TouchTolerance || box.X1 >= frameWidth - TouchTolerance, box.Y0 <= TouchTolerance || box.Y1 >= frameHeight - TouchTolerance);

    /// <summary>
    /// How much more of an object at the frame's edge may come into view in one frame along an axis
    /// where it measures <paramref name="size"/>: its size across, at most its size along, and at
    /// least a pixel (objects move less than their own width per frame in satellite video).
    /// </summary>
    public static double EdgeReach(double size, double across) => Math.Max(1, Math.Min(size, across));

    private static (double Lo, double Hi) Axis(double maskLo, double maskHi, double promptLo, double promptHi, int frameSize,
        double prior, double reach, double scale, double? annotated, double? classSpan, LinkerOptions options)
    {
        double centre = (maskLo + maskHi) / 2, seen = (maskHi - maskLo) * scale;
        double g = options.SizeGrowthPerFrame;
        bool atLo = maskLo <= TouchTolerance, atHi = maskHi >= frameSize - TouchTolerance;
        if (atLo || atHi)
        {
            double inView = Math.Clamp(seen, Math.Max(1, Math.Min(prior / g, prior - 1)), prior + reach);
            if (classSpan is double most && inView > most && atLo != atHi)
                return atLo ? (maskHi - most, maskHi) : (maskLo, maskLo + most);
            return (centre - inView / 2, centre + inView / 2);
        }
        if (!options.MeasureSizeFromMasks)
        {
            // An object first seen at the edge has no annotated size: its class bounds what the
            // entry left it with (a size still growing would otherwise go on growing).
            double kept = annotated is null && classSpan is double span ? Math.Min(prior, span) : prior;
            return (centre - kept / 2, centre + kept / 2);
        }
        bool cutLo = maskLo <= promptLo + TouchTolerance && promptLo > TouchTolerance;
        bool cutHi = maskHi >= promptHi - TouchTolerance && promptHi < frameSize - TouchTolerance;
        double size = cutLo || cutHi
            ? Math.Clamp(seen, prior, Math.Max(prior * g, prior + 1))
            : Math.Clamp(seen, Math.Min(prior / g, prior - 1), Math.Max(prior * g, prior + 1));
        if (annotated is double a) size = Math.Clamp(size, a / options.MaxSizeChange, a * options.MaxSizeChange);
        size = Math.Max(1, size);
        if (cutLo && !cutHi) return (centre + seen / 2 - size, centre + seen / 2);
        if (cutHi && !cutLo) return (centre - seen / 2, centre - seen / 2 + size);
        return (centre - size / 2, centre + size / 2);
    }
}
