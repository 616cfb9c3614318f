namespace SatVideoSeg.Pipeline.Convert;

/// <summary>One object of a converted sequence.</summary>
/// <param name="Id">Output id (1..N, stable over the sequence: MOTS instance id and DAVIS index).</param>
/// <param name="SourceId">The benchmark's object id.</param>
/// <param name="Class">Class name.</param>
/// <param name="FineClass">The benchmark's fine class code, when it has one.</param>
/// <param name="Frames">Frames with a non-empty mask.</param>
/// <param name="MeanPredictedIoU">Mean of the segmenter's predicted IoU over the object's boxes.</param>
public sealed record ObjectSummary(int Id, int SourceId, string Class, string? FineClass, int Frames, double MeanPredictedIoU);
