using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Mots;

namespace SatVideoSeg.Datasets.Ids;

/// <summary>
/// Chooses the MOTS instance id (obj_id = class_id*1000 + instance id) of every object id of one sequence, as
/// the ids stream in. MOTS holds instance ids 1..999 per class. When the ids known up front all
/// fit, each id keeps its number; when one does not (above 999, or 0), every known id is
/// renumbered densely, per class, in ascending order (1, 2, ...). An id first seen later keeps
/// its number if it fits and is free, else takes its class's lowest free number. A class with more
/// than 999 objects in one sequence cannot be written at all (<see cref="FormatException"/>).
/// <see cref="Map"/> then says how to read the ids back.
/// </summary>
public sealed class MotsIdAllocator
{
    private readonly Dictionary<(int Id, ObjectClass Class), int> _instances = [];
    private readonly Dictionary<ObjectClass, SortedSet<int>> _taken = [];
    private readonly Dictionary<ObjectClass, int> _lowestFree = [];

    /// <summary>An allocator that first places the <paramref name="known"/> (id, class) pairs (none = all ids come later).</summary>
    public MotsIdAllocator(IEnumerable<(int Id, ObjectClass Class)>? known = null)
    {
        var pairs = (known ?? []).Distinct().ToArray();
        bool renumber = pairs.Any(p => !Fits(p.Id));
        // Placed now even when they all keep their numbers: an id first seen later that must be
        // renumbered (a linker's id above 999) then cannot take the number of a known id not yet seen.
        foreach (var group in pairs.GroupBy(p => p.Class))
            foreach (var p in group.OrderBy(p => p.Id)) Place(p.Id, p.Class, renumber);
        Renumbered = renumber;
    }

    /// <summary>Whether any id was written under another number (so that <see cref="Map"/> is needed).</summary>
    public bool Renumbered { get; private set; }

    /// <summary>The instance id to write for an object id of a class, chosen on first sight and the same after.</summary>
    public int InstanceId(int id, ObjectClass cls) =>
        _instances.TryGetValue((id, cls), out int instance) ? instance : Place(id, cls, renumber: Renumbered);

    /// <summary>The map of original ids to obj_ids for <paramref name="output"/>; null when no id was renumbered.</summary>
    public TrackIdMap? Map(string output)
    {
        if (!Renumbered) return null;
        // An original id seen with two classes is two MOTS objects: the map lists both.
        var written = _instances.Select(kv => new KeyValuePair<int, int>(kv.Key.Id, MotsFormat.ObjectId(kv.Key.Class, kv.Value)));
        return new TrackIdMap(output, "mots", "obj_id = class_id*1000 + instance id",
            $"MOTS holds instance ids 1..{MotsFormat.MaxTrackId} per class (obj_id = class_id*1000 + instance id): ids renumbered densely per class", written);
    }

    private static bool Fits(int id) => id is >= 1 and <= MotsFormat.MaxTrackId;

    private int Place(int id, ObjectClass cls, bool renumber)
    {
        if (!_taken.TryGetValue(cls, out var taken)) _taken[cls] = taken = [];
        int instance;
        if (!renumber && Fits(id) && !taken.Contains(id))
        {
            instance = id;
        }
        else
        {
            instance = _lowestFree.GetValueOrDefault(cls, 1);
            while (taken.Contains(instance)) instance++;
            if (instance > MotsFormat.MaxTrackId)
                throw new FormatException($"more than {MotsFormat.MaxTrackId} objects of class {ObjectClasses.Name(cls)} in one sequence: MOTS holds instance ids 1..{MotsFormat.MaxTrackId} per class (obj_id = class_id*1000 + instance id)");
            _lowestFree[cls] = instance + 1;
            if (instance != id) Renumbered = true;
        }
        taken.Add(instance);
        _instances[(id, cls)] = instance;
        return instance;
    }
}
