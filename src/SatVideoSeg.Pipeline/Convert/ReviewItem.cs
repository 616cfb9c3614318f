namespace SatVideoSeg.Pipeline.Convert;

/// <summary>A mask worth checking by eye.</summary>
/// <param name="Sequence">Sequence name.</param>
/// <param name="Frame">1-based frame number.</param>
/// <param name="Id">Output object id.</param>
/// <param name="SourceId">The benchmark's object id.</param>
/// <param name="Reason">"empty", "low-iou" or "low-fill".</param>
/// <param name="PredictedIoU">The segmenter's predicted IoU.</param>
/// <param name="Fill">Mask area over box area.</param>
public sealed record ReviewItem(string Sequence, int Frame, int Id, int SourceId, string Reason, double PredictedIoU, double Fill);
