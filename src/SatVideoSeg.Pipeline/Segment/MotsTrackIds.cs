using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Pipeline.Common;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The MOTS instance ids a segment run writes for its track ids: the tracks' own ids where MOTS
/// holds them (1..999 per class), else renumbered (<see cref="MotsIdAllocator"/>: every annotation
/// id densely per class when one of them does not fit; a linker id that does not fit takes its
/// class's lowest free number), with the map saved beside tracks.mots.txt (<see cref="TrackIdMap"/>).
/// </summary>
public sealed class MotsTrackIds(IEnumerable<(int Id, ObjectClass Class)>? annotationIds, string boxesFile)
{
    private readonly MotsIdAllocator _allocator = new(annotationIds);

    /// <summary>The instance id to write for an object; a class with more than 999 tracks is a job error.</summary>
    public int For(SegmentedObject o)
    {
        try
        {
            return _allocator.InstanceId(o.TrackId, o.Prompt.Class);
        }
        catch (FormatException e)
        {
            throw new JobException($"{boxesFile}: {e.Message}; tracks.mots.txt cannot hold them", e);
        }
    }

    /// <summary>
    /// Writes the map to the path <paramref name="place"/> gives (ids.json beside tracks.mots.txt,
    /// staged), asked only when ids were renumbered; returns what run.json says of it (null when not).
    /// </summary>
    public object? SaveMap(Func<string> place)
    {
        if (_allocator.Map(SegmentJob.TracksFile) is not { } map) return null;
        map.Save(place());
        return new { file = TrackIdMap.FileName, output = map.Output, ids = map.Written.Count, renumbered = map.Written.Count(kv => MotsFormat.InstanceId(kv.Value) != kv.Key), reason = map.Reason };
    }
}
