namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// Samples a channel's depth each time an item is offered: a full queue means the consumer is the
/// bottleneck, an empty one that the producer is.
/// </summary>
public sealed class QueueGauge(int capacity)
{
    private long _samples;
    private long _sum;
    private int _max;
    private long _full;

    /// <summary>Depth statistics: mean and max depth, and how often the queue was full.</summary>
    /// <param name="Mean">Mean depth when an item was offered.</param>
    /// <param name="Max">Largest depth seen.</param>
    /// <param name="FullFraction">Fraction of offers that found the queue full (the producer waited).</param>
    public sealed record Stats(double Mean, int Max, double FullFraction);

    /// <summary>Records the depth seen before offering an item.</summary>
    public void Sample(int depth)
    {
        Interlocked.Increment(ref _samples);
        Interlocked.Add(ref _sum, depth);
        lock (this) if (depth > _max) _max = depth;
        if (depth >= capacity) Interlocked.Increment(ref _full);
    }

    /// <summary>The statistics so far.</summary>
    public Stats Summary()
    {
        return _samples == 0 ? new Stats(0, 0, 0) : new Stats(Math.Round((double)_sum / _samples, 2), _max, Math.Round((double)_full / _samples, 3));
    }
}
