using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// Runs a per-frame job as three concurrent stages over bounded channels, so decoding and
/// writing/encoding overlap with the model instead of adding to its time:
/// decode → (channel) → process (in frame order, e.g. segment + link) → (channel) → write.
/// Memory is bounded by the channel capacities, whatever the video length. The first exception
/// in any stage cancels the others and is rethrown; cancellation stops every stage.
/// </summary>
/// <typeparam name="TResult">What the process stage hands to the write stage.</typeparam>
public sealed class FramePipeline<TResult>(StageTimer timer, int capacity = 4)
{
    private readonly QueueGauge _decoded = new(capacity);
    private readonly QueueGauge _processed = new(capacity);

    /// <summary>Queue depths seen by each channel's writer, for run.json.</summary>
    public IReadOnlyDictionary<string, QueueGauge.Stats> QueueDepths() => new Dictionary<string, QueueGauge.Stats>
    {
        ["decoded"] = _decoded.Summary(),
        ["processed"] = _processed.Summary(),
    };

    /// <summary>Runs the three stages to completion.</summary>
    /// <param name="frames">The decode stage: frames in order (enumerated on its own thread, timed as "decode").</param>
    /// <param name="process">Called once per frame, in order, on one thread.</param>
    /// <param name="write">Called once per result, in order, on one thread.</param>
    /// <param name="cancellationToken">Stops every stage.</param>
    public void Run(IEnumerable<Frame> frames, Func<Frame, TResult> process, Action<TResult> write, CancellationToken cancellationToken) =>
        Run(frames, decoded => decoded.Select(process), write, cancellationToken);

    /// <summary>
    /// Runs the three stages to completion, the process stage over the stream of decoded frames:
    /// it may read frames ahead of the result it hands on (cross-frame batching), as long as it
    /// hands on results in frame order.
    /// </summary>
    /// <param name="frames">The decode stage: frames in order (enumerated on its own thread, timed as "decode").</param>
    /// <param name="process">Turns the decoded frames, in order, into results, in order; enumerated on one thread.</param>
    /// <param name="write">Called once per result, in order, on one thread.</param>
    /// <param name="cancellationToken">Stops every stage.</param>
    public void Run(IEnumerable<Frame> frames, Func<IEnumerable<Frame>, IEnumerable<TResult>> process, Action<TResult> write, CancellationToken cancellationToken)
    {
        using var all = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = all.Token;
        var options = new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait };
        var decoded = Channel.CreateBounded<Frame>(options);
        var processed = Channel.CreateBounded<TResult>(options);

        var tasks = new[]
        {
            Task.Run(() => Stage(all, decoded.Writer, () =>
            {
                using var e = frames.GetEnumerator();
                while (timer.Time("decode", e.MoveNext)) Put(decoded, e.Current, _decoded, token);
            })),
            Task.Run(() => Stage(all, processed.Writer, () =>
            {
                foreach (var result in process(Drain(decoded.Reader, token))) Put(processed, result, _processed, token);
            })),
            Task.Run(() => Stage<TResult>(all, null, () =>
            {
                foreach (var result in Drain(processed.Reader, token)) write(result);
            })),
        };
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            // Rethrow the root cause, not the cancellations it triggered in the other stages.
            var errors = e.Flatten().InnerExceptions;
            ExceptionDispatchInfo.Capture(errors.FirstOrDefault(x => x is not OperationCanceledException) ?? errors[0]).Throw();
        }
    }

    // Runs a stage body; on failure cancels the other stages. Always completes its output channel.
    private static void Stage<T>(CancellationTokenSource all, ChannelWriter<T>? output, Action body)
    {
        try
        {
            body();
            output?.TryComplete();
        }
        catch (Exception e)
        {
            output?.TryComplete(e);
            all.Cancel();
            throw;
        }
    }

    private static void Put<T>(Channel<T> channel, T item, QueueGauge gauge, CancellationToken token)
    {
        gauge.Sample(channel.Reader.Count);
        if (!channel.Writer.TryWrite(item)) channel.Writer.WriteAsync(item, token).AsTask().GetAwaiter().GetResult();
    }

    private static IEnumerable<T> Drain<T>(ChannelReader<T> reader, CancellationToken token)
    {
        while (reader.WaitToReadAsync(token).AsTask().GetAwaiter().GetResult())
            while (reader.TryRead(out var item)) yield return item;
    }
}
