using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Baselines;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>Creates a segmenter by name.</summary>
public static class SegmenterFactory
{
    /// <summary>The segmenter used when none is named.</summary>
    public const string DefaultName = "grabcut";

    /// <summary>The segmenter names accepted.</summary>
    public static IReadOnlyList<string> Names { get; } = ["box", "grabcut"];

    /// <summary>Creates "box" or "grabcut".</summary>
    public static ISegmenter Create(string name, string? model) => name switch
    {
        "box" => new BoxSegmenter(),
        "grabcut" => new GrabCutSegmenter(),
        _ => throw new JobException($"unknown segmenter '{name}': choose one of {string.Join(", ", Names)}"),
    };
}
