using System.Diagnostics;

namespace SatVideoSeg.Core.Diagnostics;

/// <summary>Accumulates wall-clock time per named stage, for run.json. Thread-safe: concurrent stages add to it.</summary>
public sealed class StageTimer
{
    private readonly Dictionary<string, TimeSpan> _totals = [];

    /// <summary>Runs <paramref name="work"/> and adds its duration to <paramref name="stage"/>.</summary>
    public T Time<T>(string stage, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Add(stage, Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>Runs <paramref name="work"/> and adds its duration to <paramref name="stage"/>.</summary>
    public void Time(string stage, Action work) => Time(stage, () => { work(); return 0; });

    /// <summary>Adds a measured duration to a stage.</summary>
    public void Add(string stage, TimeSpan elapsed)
    {
        lock (_totals) _totals[stage] = _totals.GetValueOrDefault(stage) + elapsed;
    }

    /// <summary>Seconds per stage, rounded to milliseconds.</summary>
    public IReadOnlyDictionary<string, double> Seconds()
    {
        lock (_totals) return _totals.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.TotalSeconds, 3));
    }
}
