using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Segmentation;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>Everything `satvidseg eval` is asked to do.</summary>
/// <param name="Predicted">Prediction: MOTS txt file, tracker folder of &lt;seq&gt;.txt, DAVIS folder, or YouTube-VIS results JSON.</param>
/// <param name="GroundTruth">Ground truth: MOTS txt file, MOTSChallenge folder, DAVIS folder, or YouTube-VIS JSON.</param>
/// <param name="OutputDirectory">Where metrics.json and metrics.csv go.</param>
public sealed record EvalOptions(string Predicted, string GroundTruth, string OutputDirectory)
{
    /// <summary>First frame number in MOTS files: 1 (MOTSChallenge, our default) or 0 (KITTI MOTS).</summary>
    public int MotsFrameBase { get; init; } = 1;

    /// <summary>J&amp;F settings (default: davis2017-evaluation semi-supervised, objects paired by id).</summary>
    public JandFOptions JandF { get; init; } = new();

    /// <summary>Boundary IoU bands of the per-object/union IoU scores.</summary>
    public SegmentationOptions Segmentation { get; init; } = new();
}
