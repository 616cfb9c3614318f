using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Datasets.Mots;

/// <summary>One line of a MOTS txt file: an object's mask in one frame.</summary>
/// <param name="FrameIndex">0-based frame index (the file may be 0- or 1-based).</param>
/// <param name="TrackId">Instance id (obj_id modulo 1000).</param>
/// <param name="Class">Class (obj_id / 1000, also the class_id field).</param>
/// <param name="Rle">The mask as COCO RLE over the frame.</param>
public sealed record MotsRecord(int FrameIndex, int TrackId, ObjectClass Class, CocoRle Rle)
{
    /// <summary>obj_id as MOTS writes it: class_id * 1000 + instance id.</summary>
    public int ObjectId => MotsFormat.ObjectId(Class, TrackId);
}
