using System.Diagnostics;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Segmentation.Prompts;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>
/// Measures a segmenter against ground truth: each object is prompted with the tight box of its
/// true mask, and IoU / boundary IoU are taken per object and on the per-frame union. Per-object
/// figures score the segmenter's own masks, before segment makes a frame's masks disjoint (so the
/// box baseline on iSAID P0003 reproduces the published 0.695); the union is the same either way.
/// </summary>
public static class SegmentBench
{
    /// <summary>Runs one segmenter over one sample, prompting with tight boxes.</summary>
    public static SegmentBenchResult Run(ISegmenter segmenter, BenchSample sample, CancellationToken cancellationToken = default) =>
        Run(segmenter, sample, BenchPrompt.Box, cancellationToken);

    /// <summary>
    /// Runs one segmenter over one sample with the given prompt kind; for prompts other than
    /// <see cref="BenchPrompt.Box"/> the result's segmenter name ends in "+" and the prompt's name.
    /// </summary>
    public static SegmentBenchResult Run(ISegmenter segmenter, BenchSample sample, BenchPrompt prompt, CancellationToken cancellationToken = default)
    {
        if (prompt == BenchPrompt.ObbRotated)
        {
            using var rotated = new RotatedCropSegmenter(segmenter, ownsInner: false);
            return Measure(rotated, sample, prompt, segmenter.Name, cancellationToken);
        }
        return Measure(segmenter, sample, prompt, segmenter.Name, cancellationToken);
    }

    private static SegmentBenchResult Measure(ISegmenter segmenter, BenchSample sample, BenchPrompt prompt, string segmenterName, CancellationToken cancellationToken)
    {
        double iouSum = 0, biouSum = 0, unionIoUSum = 0, unionBIoUSum = 0;
        int objects = 0, frames = 0;
        var byLabel = new Dictionary<string, (double Sum, int N)>();
        var clock = Stopwatch.StartNew();
        foreach (var bench in sample.Frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = bench.Frame;
            var prompts = bench.Objects
                .Select(o => BenchPrompts.For(o, prompt))
                .ToArray();
            var predicted = segmenter.Segment(frame, prompts, cancellationToken);
            var predictedUnion = new byte[frame.Width * frame.Height];
            var truthUnion = new byte[frame.Width * frame.Height];
            for (int i = 0; i < bench.Objects.Count; i++)
            {
                var truth = bench.Objects[i].Mask;
                var mask = predicted[i].Mask;
                double iou = MaskIoU.Compute(mask, truth);
                var tight = truth.TightRect();
                // The reference's ratio rule, applied to the object's box instead of the image.
                int d = BoundaryIoU.DilationFromRatio(tight.Width, tight.Height);
                iouSum += iou;
                biouSum += BoundaryIoU.Compute(mask, truth, d);
                objects++;
                var (s, n) = byLabel.GetValueOrDefault(bench.Objects[i].Label);
                byLabel[bench.Objects[i].Label] = (s + iou, n + 1);
                mask.PaintInto(predictedUnion, 1);
                truth.PaintInto(truthUnion, 1);
            }
            var pu = BitMask.FromFullFrame(predictedUnion, frame.Width, frame.Height);
            var tu = BitMask.FromFullFrame(truthUnion, frame.Width, frame.Height);
            unionIoUSum += MaskIoU.Compute(pu, tu);
            unionBIoUSum += BoundaryIoU.Compute(pu, tu, BoundaryIoU.DilationFromRatio(frame.Width, frame.Height));
            frames++;
        }
        if (objects == 0) throw new Common.JobException($"{sample.Name}: no ground-truth objects to measure");
        string name = prompt == BenchPrompt.Box ? segmenterName : $"{segmenterName}+{BenchPrompts.Name(prompt)}";
        return new SegmentBenchResult(sample.Name, name, objects,
            iouSum / objects, biouSum / objects, unionIoUSum / frames, unionBIoUSum / frames,
            byLabel.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.N),
            clock.Elapsed.TotalSeconds);
    }
}
