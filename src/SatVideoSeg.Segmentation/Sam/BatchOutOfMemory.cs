namespace SatVideoSeg.Segmentation.Sam;

/// <summary>A call of the batch-size search that ran out of memory, and where the search ended.</summary>
/// <param name="FailedSize">Crops of the call that failed.</param>
/// <param name="Size">The batch size the search ended at: the last size that fit, at which that call ran again.</param>
/// <param name="Reason">The first line of ONNX Runtime's error.</param>
public sealed record BatchOutOfMemory(int FailedSize, int Size, string Reason)
{
    /// <summary>The one line printed when it happens.</summary>
    public string Note => $"automatic batch size: a call of {FailedSize} crops ran out of memory ({Reason}); the search ends at {Size} crops per call, the last size that fit, and that call ran again in calls of {Size}";
}
