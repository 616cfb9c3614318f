using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Segmentation.Prompts;

/// <summary>
/// Turns an oriented box into an <see cref="ObjectPrompt"/> the SAM decoder understands: the
/// enclosing axis-aligned box, optionally with points that carry the rotation. For a thin object at
/// 45 degrees the enclosing box is mostly background, which is what the points try to say.
/// </summary>
public static class OrientedPromptBuilder
{
    /// <summary>Fractions of the major axis that get a positive point: both halves and the centre.</summary>
    public static IReadOnlyList<double> PositiveFractions { get; } = [0.25, 0.5, 0.75];

    /// <summary>
    /// How far (pixels) negative points are moved from each enclosing-box corner towards its inside:
    /// the corner itself is a pixel edge, so it would land on the crop's box edge, not on a pixel of it.
    /// </summary>
    public const double CornerInset = 1.0;

    /// <summary>Builds the prompt of one object from its oriented box.</summary>
    /// <param name="trackId">Track id, as <see cref="ObjectPrompt.TrackId"/>.</param>
    /// <param name="objectClass">Class.</param>
    /// <param name="box">The oriented box, frame pixels.</param>
    /// <param name="mode">Which prompt to build.</param>
    /// <param name="source">Whether the box was annotated or predicted.</param>
    public static ObjectPrompt Build(int trackId, ObjectClass objectClass, OrientedBox box, OrientedPromptMode mode, PromptSource source = PromptSource.Annotated)
    {
        var enclosing = box.EnclosingBox();
        var prompt = new ObjectPrompt(trackId, objectClass, enclosing, source) { Oriented = box };
        return mode switch
        {
            OrientedPromptMode.Enclosing => prompt,
            OrientedPromptMode.Points => prompt with { PositivePoints = Positives(box), NegativePoints = Negatives(box) },
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown oriented prompt mode"),
        };
    }

    /// <summary>Points at <see cref="PositiveFractions"/> of the major axis, frame pixels.</summary>
    public static IReadOnlyList<(double X, double Y)> Positives(OrientedBox box) =>
        PositiveFractions.Select(box.AlongMajorAxis).ToArray();

    /// <summary>
    /// The enclosing box's corners, each moved <see cref="CornerInset"/> px inwards, kept where the
    /// moved point lies outside the oriented box (tested after the move, because that is where the
    /// label lands: an axis-aligned box's inset corners are inside it and get no negative).
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Negatives(OrientedBox box)
    {
        var e = box.EnclosingBox();
        // An inset larger than half the box would cross the centre; tiny boxes keep their corners.
        double ix = Math.Min(CornerInset, e.Width / 2), iy = Math.Min(CornerInset, e.Height / 2);
        (double X, double Y)[] corners =
        [
            (e.X0 + ix, e.Y0 + iy), (e.X1 - ix, e.Y0 + iy), (e.X1 - ix, e.Y1 - iy), (e.X0 + ix, e.Y1 - iy),
        ];
        return corners.Where(c => !box.Contains(c.X, c.Y)).ToArray();
    }
}
