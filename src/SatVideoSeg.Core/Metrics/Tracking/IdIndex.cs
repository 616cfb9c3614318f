namespace SatVideoSeg.Core.Metrics.Tracking;

/// <summary>Maps the track ids of one side to contiguous indices 0..Count-1 in order of first appearance, with a detection count per id.</summary>
internal sealed class IdIndex
{
    private readonly Dictionary<int, int> _index = [];
    private readonly List<int> _detections = [];

    /// <summary>Distinct ids seen.</summary>
    public int Count => _detections.Count;

    /// <summary>Detections of the id at an index.</summary>
    public int Detections(int index) => _detections[index];

    /// <summary>Total detections seen.</summary>
    public long TotalDetections { get; private set; }

    /// <summary>Indices of a frame's ids, registering new ones and counting one detection each.</summary>
    public int[] Add(IReadOnlyList<int> ids)
    {
        var result = new int[ids.Count];
        for (int k = 0; k < ids.Count; k++)
        {
            if (!_index.TryGetValue(ids[k], out int i))
            {
                i = _detections.Count;
                _index[ids[k]] = i;
                _detections.Add(0);
            }
            _detections[i]++;
            result[k] = i;
        }
        TotalDetections += ids.Count;
        return result;
    }
}
