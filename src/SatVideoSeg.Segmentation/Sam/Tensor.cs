namespace SatVideoSeg.Segmentation.Sam;

/// <summary>A dense float32 tensor in managed memory: row-major data with its shape.</summary>
/// <param name="Data">Row-major values.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
public sealed record Tensor(float[] Data, long[] Shape);
