using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>A frame with its ground-truth instances, for measuring segmenters.</summary>
/// <param name="Frame">The image.</param>
/// <param name="Objects">Ground truth: track id, class, exact mask.</param>
public sealed record BenchFrame(Frame Frame, IReadOnlyList<BenchObject> Objects);

/// <summary>One ground-truth object of a bench frame.</summary>
/// <param name="Id">Its id (track id or instance index).</param>
/// <param name="Class">Its class.</param>
/// <param name="Label">Finer label for per-class tables ("large_vehicle").</param>
/// <param name="Mask">Its exact mask.</param>
public sealed record BenchObject(int Id, ObjectClass Class, string Label, BitMask Mask);

/// <summary>A named set of bench frames.</summary>
/// <param name="Name">Shown in tables ("synth-sample", "isaid-P0003").</param>
/// <param name="Frames">Its frames, streamed.</param>
public sealed record BenchSample(string Name, IEnumerable<BenchFrame> Frames);
