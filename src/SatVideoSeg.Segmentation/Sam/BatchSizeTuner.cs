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
/// </summary>
public sealed class BatchSizeTuner
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

    /// <summary>The batch size to use for the next call.</summary>
    public int Current => Settled ? _best : _candidate;

    /// <summary>True once the search has ended.</summary>
    public bool Settled { get; private set; }

    /// <summary>Seconds per object measured for each candidate tried (for run.json).</summary>
    public IReadOnlyDictionary<int, double> Measured => _measured;

    /// <summary>Records one encoder + decoder call of <paramref name="objects"/> crops that took <paramref name="seconds"/>.</summary>
    public void Record(int objects, double seconds)
    {
        if (Settled || objects != _candidate) return;
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
        _candidate *= 2;
        _calls = _objects = 0;
        _seconds = 0;
    }
}
