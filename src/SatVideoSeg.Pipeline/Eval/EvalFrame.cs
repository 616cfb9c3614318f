using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>One object of one frame as read for evaluation.</summary>
/// <param name="TrackId">Track id, unique within the sequence (MOTS obj_id, DAVIS palette index).</param>
/// <param name="ClassName">Class the object is evaluated under ("airplane", ..., "object" for DAVIS).</param>
/// <param name="Mask">Its mask in this frame.</param>
public sealed record EvalObject(int TrackId, string ClassName, BitMask Mask);

/// <summary>One frame as read for evaluation.</summary>
/// <param name="Index">0-based frame index.</param>
/// <param name="Objects">Its objects.</param>
/// <param name="Void">DAVIS void pixels (label 255), left out of J&amp;F; null when none.</param>
/// <param name="IgnoreRegion">MOTS ignore region (class 10), where unmatched predictions are dropped as TrackEval does; null when none.</param>
public sealed record EvalFrame(int Index, IReadOnlyList<EvalObject> Objects, BitMask? Void, BitMask? IgnoreRegion = null);
