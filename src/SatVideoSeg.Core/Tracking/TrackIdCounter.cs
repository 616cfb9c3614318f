namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Hands out track ids 1, 2, 3, ... for one linker (Norfair's fix of ByteTrack's class-level
/// counter: two linkers never share a count). Ids reserved by annotations are skipped.
/// </summary>
public sealed class TrackIdCounter
{
    private readonly HashSet<int> _reserved = [];
    private int _last;

    /// <summary>Marks an id as taken (an annotation's id), so <see cref="Next"/> never returns it.</summary>
    public void Reserve(int id) => _reserved.Add(id);

    /// <summary>The next free id (1-based).</summary>
    public int Next()
    {
        do _last++;
        while (_reserved.Contains(_last));
        _reserved.Add(_last);
        return _last;
    }
}
