using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Pipeline.Eval;

/// <summary>One object of one frame as read for evaluation.</summary>
/// <param name="TrackId">Track id, unique within the sequence (MOTS obj_id, DAVIS palette index).</param>
/// <param name="ClassName">Class the object is evaluated under ("airplane", ..., "object" for DAVIS).</param>
/// <param name="Mask">Its mask in this frame.</param>
public sealed record EvalObject(int TrackId, string ClassName, BitMask Mask);

/// <summary>The objects of one frame (0-based index) and its void region (DAVIS label 255), if any.</summary>
public sealed record EvalFrame(int Index, IReadOnlyList<EvalObject> Objects, BitMask? Void);
