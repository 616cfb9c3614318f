namespace SatVideoSeg.Tests.Support;

/// <summary>An IProgress that reports on the caller's thread at once (Progress&lt;T&gt; posts later, to the thread pool).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
