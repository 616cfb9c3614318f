namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// Creates a disposable resource on a worker thread while the caller goes on, e.g. loading a
/// model while FFmpeg probes and starts decoding. <see cref="Value"/> waits for it and rethrows
/// a failure as it was thrown. Disposing waits for the load and disposes what it made, so a job
/// that fails before it needs the resource leaks nothing.
/// </summary>
/// <typeparam name="T">The resource.</typeparam>
public sealed class BackgroundLoad<T> : IDisposable where T : class, IDisposable
{
    private readonly Task<T> _loading;

    /// <summary>Starts <paramref name="load"/> on the thread pool.</summary>
    public BackgroundLoad(Func<T> load)
    {
        _loading = Task.Run(load);
    }

    /// <summary>The resource, once loaded (blocks until then).</summary>
    public T Value => _loading.GetAwaiter().GetResult();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _loading.Wait();
        }
        catch (AggregateException)
        {
            // The load failed: there is nothing to dispose, and whoever needed the value saw the error.
            return;
        }
        _loading.Result.Dispose();
    }
}
