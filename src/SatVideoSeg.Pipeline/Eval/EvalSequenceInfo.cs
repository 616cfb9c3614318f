namespace SatVideoSeg.Pipeline.Eval;

/// <summary>A sequence as evaluated.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Frames">Frames evaluated.</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="GroundTruth">File or folder of its ground truth.</param>
/// <param name="Predicted">File or folder of its prediction.</param>
public sealed record EvalSequenceInfo(string Name, int Frames, int Width, int Height, string GroundTruth, string Predicted);
