namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// Chooses the crop batch size by measuring it: batches give identical masks at any size, so the
/// only question is speed, and the answer differs by device (a GPU gains from large batches, this
/// 64 px model on 2 CPU threads hardly at all). Starting at 1, each candidate size (doubling up to
/// <see cref="MaxBatchSize"/>) is timed over a few calls after one warm-up call (ONNX Runtime plans
/// each new input shape on its first call); the search stops at the first size that is not at
/// least 5% faster per object than the best so far and settles on the best. Only full batches
/// measure a candidate: while frames hold fewer objects than it, the search waits there, which
/// costs nothing (no frame could fill a larger batch anyway).
/// Memory bounds the search too: the process's resident memory is recorded at each size, and the
/// next size is not tried when its projection (growing by the last measured cost per crop) would
/// pass <paramref name="memoryBudgetBytes"/>. SAM ViT-B at 1024 px takes about 3 GB per crop on a
/// CPU: batch 8 was killed by the kernel on a 24 GB machine.
/// </summary>
/// <param name="memoryBudgetBytes">Resident memory the process may reach (no limit by default).</param>
public sealed class BatchSizeTuner(long memoryBudgetBytes = long.MaxValue)
{
    /// <summary>Largest batch tried.</summary>
    public const int MaxBatchSize = 32;

    /// <summary>Full-batch calls timed per candidate after its warm-up call (enough to average out a busy machine's jitter).</summary>
    public const int TimedCalls = 8;

    // The per-object gain that counts as faster.
    private const double MinGain = 0.95;

    private int _candidate = 1;
    private int _calls;
    private int _objects;
    private double _seconds;
    private double _bestPerObject = double.MaxValue;
    private int _best = 1;
    private readonly Dictionary<int, double> _measured = [];
    private readonly Dictionary<int, long> _resident = [];

    /// <summary>The batch size to use for the next call.</summary>
    public int Current => Settled ? _best : _candidate;

    /// <summary>True once the search has ended.</summary>
    public bool Settled { get; private set; }

    /// <summary>Seconds per object measured for each candidate tried (for run.json).</summary>
    public IReadOnlyDictionary<int, double> Measured => _measured;

    /// <summary>True when the search stopped because the next size would not fit in memory.</summary>
    public bool LimitedByMemory { get; private set; }

    /// <summary>
    /// Records one encoder + decoder call of <paramref name="objects"/> crops that took
    /// <paramref name="seconds"/>, after which the process held <paramref name="residentBytes"/> (0: not measured).
    /// </summary>
    public void Record(int objects, double seconds, long residentBytes = 0)
    {
        if (Settled || objects != _candidate) return;
        _resident[_candidate] = Math.Max(_resident.GetValueOrDefault(_candidate), residentBytes);
        if (_calls++ == 0) return; // warm-up: the first call of a new shape
        _objects += objects;
        _seconds += seconds;
        if (_calls <= TimedCalls) return;

        double perObject = _seconds / _objects;
        _measured[_candidate] = perObject;
        bool faster = perObject < _bestPerObject * MinGain;
        if (perObject < _bestPerObject)
        {
            _bestPerObject = perObject;
            _best = _candidate;
        }
        if (!faster || _candidate * 2 > MaxBatchSize)
        {
            Settled = true;
            return;
        }
        if (ProjectedResident(_candidate * 2) > memoryBudgetBytes)
        {
            LimitedByMemory = Settled = true;
            return;
        }
        _candidate *= 2;
        _calls = _objects = 0;
        _seconds = 0;
    }

    // Memory at the next size: the last size's, plus its cost per crop (the growth from the size
    // before; at size 1, all of it, which over-estimates) times the added crops.
    private long ProjectedResident(int next)
    {
        long now = _resident.GetValueOrDefault(_candidate);
        if (now == 0) return 0;
        int previous = _candidate / 2;
        double perCrop = previous == 0 ? now : (double)(now - _resident.GetValueOrDefault(previous)) / (_candidate - previous);
        return now + (long)(Math.Max(perCrop, 0) * (next - _candidate));
    }
}
