namespace SatVideoSeg.Segmentation.Sam;

/// <summary>How much resident memory the process may use for model batches.</summary>
public static class MemoryBudget
{
    // Headroom for the rest of the run (decoded frames, the encoder's pipe, the report) and other processes.
    private const double Share = 0.8;

    /// <summary>
    /// 80% of what this process holds now plus what the machine has available (MemAvailable in
    /// /proc/meminfo on Linux; elsewhere the runtime's view of available memory).
    /// </summary>
    public static long ForThisProcess()
    {
        long available = ReadMemAvailable() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return (long)(Share * (available + Environment.WorkingSet));
    }

    private static long? ReadMemAvailable()
    {
        const string meminfo = "/proc/meminfo";
        if (!File.Exists(meminfo)) return null;
        // "MemAvailable:   23012345 kB"
        var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 2 } && long.TryParse(fields[1], out long kb) ? kb * 1024 : null;
    }
}
