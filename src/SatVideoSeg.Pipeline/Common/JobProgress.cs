namespace SatVideoSeg.Pipeline.Common;

/// <summary>Progress of a long job: units done out of total (total null when unknown).</summary>
/// <param name="Stage">What is being done ("segment", "synth", ...).</param>
/// <param name="Done">Units (frames) finished.</param>
/// <param name="Total">Units expected, when known.</param>
public readonly record struct JobProgress(string Stage, int Done, int? Total);
