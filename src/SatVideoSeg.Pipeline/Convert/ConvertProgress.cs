namespace SatVideoSeg.Pipeline.Convert;

/// <summary>Progress of `convert`: the current sequence's frames and the overall count of sequences of this shard.</summary>
/// <param name="Sequence">Sequence name.</param>
/// <param name="SequenceNumber">1-based position of the sequence within this shard.</param>
/// <param name="SequenceCount">Sequences in this shard.</param>
/// <param name="FramesDone">Frames of the sequence finished.</param>
/// <param name="FramesTotal">Frames of the sequence.</param>
/// <param name="State">What happened: Running, Finished, or Skipped (already done by an earlier run).</param>
public readonly record struct ConvertProgress(string Sequence, int SequenceNumber, int SequenceCount, int FramesDone, int FramesTotal, SequenceState State);
