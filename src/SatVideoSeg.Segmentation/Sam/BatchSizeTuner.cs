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
/// CPU: batch 8 was killed by the kernel on a 24 GB machine. A GPU's memory is not in the resident
/// memory: there a size that does not fit fails its call with ONNX Runtime's out-of-memory error,
/// and <see cref="EndSearchOnOutOfMemory"/> ends the search at the last size that fit.
/// </summary>
/// <param name="memoryBudgetBytes">Resident memory the process may reach (no limit by default).</param>
/// <param name="maxBatchSize">Largest batch tried: <see cref="MaxFor"/> the device.</param>
public sealed class BatchSizeTuner(long memoryBudgetBytes = long.MaxValue, int maxBatchSize = BatchSizeTuner.CpuMaxBatchSize)
{
    /// <summary>
    /// Largest batch tried on the CPU. The CPU is compute-bound: crops per second flatten by 8 to
    /// 32 (on 16 cores of the H200 machine, 193 crops/s at batch 1, 416 at 32), while each size
    /// tried costs 9 calls at that size (256 crops a call would be 7 s of search for sat-unet on
    /// 2 cores, more than the 90-frame sample's whole model time) and host memory per crop (3 GB
    /// for SAM ViT-B at 1024 px).
    /// </summary>
    public const int CpuMaxBatchSize = 32;

    /// <summary>Largest batch tried on a GPU: sat-unet on an H200 still gained from 64 to 128 crops per call (5,989 to 7,709 crops/s; 256: 7,020).</summary>
    public const int GpuMaxBatchSize = 256;

    /// <summary>The largest batch worth trying on <paramref name="device"/>.</summary>
    public static int MaxFor(ExecutionDevice device) => device.Cuda ? GpuMaxBatchSize : CpuMaxBatchSize;

    /// <summary>Largest batch tried.</summary>
    public int MaxBatchSize { get; } = maxBatchSize;

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

    /// <summary>Where a call of the search ran out of memory and the search ended; null if none did.</summary>
    public BatchOutOfMemory? OutOfMemory { get; private set; }

    /// <summary>
    /// Ends the search after a call of <paramref name="objects"/> crops ran out of memory
    /// (<paramref name="reason"/>: ONNX Runtime's message): the batch size becomes the last size that
    /// fit, at which the caller runs that call again (batches give identical masks at any size).
    /// Returns false, changing nothing, where that cannot help: the search has ended (the size in use
    /// failed) or no smaller size has been measured yet.
    /// </summary>
    public bool EndSearchOnOutOfMemory(int objects, string reason)
    {
        // The search moves past a size only once it has run it: the size before the candidate fit.
        int lastFit = _candidate / 2;
        if (Settled || lastFit < 1 || objects <= lastFit) return false;
        LimitedByMemory = Settled = true;
        OutOfMemory = new BatchOutOfMemory(objects, Current, reason);
        return true;
    }

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
