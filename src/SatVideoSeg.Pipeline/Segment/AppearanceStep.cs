using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Video.Tracking;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The step between prediction and prompting (issue 15): a track prompted from its Kalman
/// prediction is first looked for in the new frame by its appearance, the pixels of its last
/// annotated box, within the predicted box grown by the object's size; where the match is good the
/// prompt is that box at the match, else the prediction stays. Motion alone extrapolates; this looks
/// at the frame (the template step of satellite single-object trackers, SatSOT / SV248S).
/// Annotated prompts are never moved: they are the user's boxes.
/// </summary>
public sealed class AppearanceStep
{
    /// <summary>
    /// Lowest normalised cross-correlation that moves a prompt. Measured on the synthetic sample from
    /// first boxes only: 0.5 gave HOTA 55.8, 0.3 gave 57.0; the Jilin-1 car kept 0.696 with both.
    /// (A search window of twice the object's size on each side did worse: 56.5 and 0.665; of half
    /// its size, 52.3.)
    /// </summary>
    public const double MinScore = 0.3;

    /// <summary>
    /// Standard deviation, in object sizes, of the Gaussian motion prior the match scores are
    /// weighted by around the predicted box (<see cref="TemplateMatcher"/>): an airplane of the
    /// synthetic sample jumped to its look-alike neighbour 60 px away and was lost for its last 16
    /// frames without it. Measured from first boxes (2026-12-04): 2 sizes HOTA / J&amp;F 57.7 / 69.4,
    /// 3 sizes 57.5 / 69.3, 1 size 56.4 / 67.3, none 56.8 / 68.5; the Jilin-1 car kept 0.696.
    /// </summary>
    public const double PriorSigmas = 2;

    /// <summary>
    /// Fewest pixels a template needs to move a prompt. The first box of an object entering the frame
    /// can be a sliver (3x3 px of an airplane's nose, 3x5 of a car's front) that matches road markings
    /// and texture anywhere at scores of 0.8; such a track is left to its motion until a larger look
    /// is cut. From first boxes on the synthetic sample (2026-12-04, with the motion prior): HOTA /
    /// J&amp;F 57.7 / 69.4 with every template, 58.9 / 71.1 with this; every 10th box 71.2 / 84.7 vs
    /// 71.6 / 84.9 (40 px scored the same; skipping every template at the frame's edge gave 59.1 / 71.7
    /// from first boxes but 69.5 / 82.3 every 10th: re-annotated edge boxes are larger and do help).
    /// </summary>
    public const int MinTemplatePixels = 16;

    private readonly Dictionary<int, AppearanceTemplate> _templates = [];

    /// <summary>Predicted prompts moved by a match so far.</summary>
    public int Corrected { get; private set; }

    /// <summary>Predicted prompts whose match was too weak to move them so far.</summary>
    public int Kept { get; private set; }

    /// <summary>The prompts, the predicted ones moved to where their track's appearance matches best.</summary>
    public IReadOnlyList<ObjectPrompt> Correct(Frame frame, IReadOnlyList<ObjectPrompt> prompts) =>
        prompts.Select(p => p.Source == PromptSource.Predicted && _templates.TryGetValue(p.TrackId, out var t) && t.Rect.Width * t.Rect.Height >= MinTemplatePixels
            ? Move(frame, p, t) : p).ToArray();

    /// <summary>
    /// Keeps the appearance of each annotated object of the frame (its box's pixels) for later
    /// frames. Only annotated boxes: renewing it from matched prompts (at scores of 0.8 and more)
    /// drifted off the Jilin-1 car within frames (mask-box IoU 0.70 -> 0.09). The one exception is
    /// an object annotated at the frame's edge, of which the box shows only a part: its first mask
    /// wholly inside the frame (its box's pixels) becomes its appearance, once.
    /// </summary>
    public void Remember(Frame frame, IReadOnlyList<SegmentedObject> linked)
    {
        foreach (var o in linked)
        {
            if (o.Prompt.Source == PromptSource.Annotated)
            {
                if (AppearanceTemplate.Cut(frame, o.Prompt.Box) is { } template) _templates[o.TrackId] = template;
            }
            else if (!_templates.TryGetValue(o.TrackId, out var known) || known.AtFrameEdge)
            {
                if (AppearanceTemplate.Cut(frame, o.Mask.TightRect().ToBox()) is { AtFrameEdge: false } whole) _templates[o.TrackId] = whole;
            }
        }
    }

    private ObjectPrompt Move(Frame frame, ObjectPrompt prompt, AppearanceTemplate template)
    {
        var b = prompt.Box;
        int w = template.Rect.Width, h = template.Rect.Height;
        // The predicted box (already widened by its uncertainty) grown by the object's size: a
        // match may lie anywhere the object could overlap the prediction.
        var search = new PixelRect((int)Math.Floor(b.X0) - w, (int)Math.Floor(b.Y0) - h,
            (int)Math.Ceiling(b.Width) + 2 * w, (int)Math.Ceiling(b.Height) + 2 * h);
        // Motion prior: the corner where the template would sit centred on the prediction.
        var prior = ((b.X0 + b.X1 - w) / 2, (b.Y0 + b.Y1 - h) / 2, PriorSigmas * w, PriorSigmas * h);
        var found = TemplateMatcher.Find(frame, template, search, prior);
        if (found is not { } match || match.Score < MinScore)
        {
            Kept++;
            return prompt with { AppearanceScore = found?.Score };
        }
        Corrected++;
        var box = new BoxXyxy(match.X, match.Y, match.X + w, match.Y + h);
        // A template cut at the frame's edge is the part of an object that was in view, its front
        // if it is entering: where it is found now, the object reaches from that edge to it.
        var (left, top, right, bottom) = template.Edges;
        box = new BoxXyxy(left ? 0 : box.X0, top ? 0 : box.Y0, right ? frame.Width : box.X1, bottom ? frame.Height : box.Y1);
        return prompt with { Box = box, AppearanceScore = match.Score };
    }
}
