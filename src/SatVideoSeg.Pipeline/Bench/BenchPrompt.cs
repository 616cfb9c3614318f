using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation.Prompts;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// How <see cref="SegmentBench"/> prompts each ground-truth object. The obb-* prompts stand in for
/// OOTB / SAT-MTB oriented annotations: the samples carry masks, not angles, so each object's
/// oriented box is the minimum-area rectangle of its mask (<see cref="OrientedBoxFit"/>).
/// </summary>
public enum BenchPrompt
{
    /// <summary>The tight axis-aligned box of the true mask (the default).</summary>
    Box,

    /// <summary>(a) The oriented box's enclosing axis-aligned box.</summary>
    ObbEnclosing,

    /// <summary>(b) The enclosing box plus major-axis positives and outside-corner negatives.</summary>
    ObbPoints,

    /// <summary>(c) The frame rotated so the oriented box is axis-aligned, prompted with it (<see cref="RotatedCropSegmenter"/>).</summary>
    ObbRotated,
}

/// <summary>Names and prompt construction for <see cref="BenchPrompt"/>.</summary>
public static class BenchPrompts
{
    /// <summary>The CLI names, in <see cref="BenchPrompt"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["box", "obb-enclosing", "obb-points", "obb-rotated"];

    /// <summary>Parses a CLI name ("obb-points").</summary>
    /// <exception cref="JobException">The name is unknown.</exception>
    public static BenchPrompt Parse(string name)
    {
        int i = Names.ToList().IndexOf(name.Trim().ToLowerInvariant());
        if (i < 0) throw new JobException($"unknown prompt '{name}': choose one of {string.Join(", ", Names)}");
        return (BenchPrompt)i;
    }

    /// <summary>The CLI name of a prompt kind.</summary>
    public static string Name(BenchPrompt prompt) => Names[(int)prompt];

    /// <summary>The prompt for one ground-truth object.</summary>
    public static ObjectPrompt For(BenchObject o, BenchPrompt prompt) => prompt switch
    {
        BenchPrompt.Box => new ObjectPrompt(o.Id, o.Class, o.Mask.TightRect().ToBox()),
        // The enclosing-box prompt carries the oriented box too; RotatedCropSegmenter uses the latter.
        BenchPrompt.ObbEnclosing or BenchPrompt.ObbRotated => OrientedPromptBuilder.Build(o.Id, o.Class, OrientedBoxFit.MinimumArea(o.Mask), OrientedPromptMode.Enclosing),
        BenchPrompt.ObbPoints => OrientedPromptBuilder.Build(o.Id, o.Class, OrientedBoxFit.MinimumArea(o.Mask), OrientedPromptMode.Points),
        _ => throw new ArgumentOutOfRangeException(nameof(prompt), prompt, "unknown bench prompt"),
    };
}
