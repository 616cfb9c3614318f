using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SatVideoSeg.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT), SIGTERM or SIGQUIT into a cancellation of the running job, so
/// it stops, removes its partial files and exits with 130; a second signal (more than
/// <see cref="RepeatWindow"/> later) ends the process at once. System.CommandLine's own handling
/// cannot do this here: it registers its handler only after the action's task is returned, and
/// our actions run their job before returning.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    /// <summary>
    /// A repeat sooner than this after the first signal is the same request delivered twice, not a
    /// second one: `timeout` sends its signal to our pid and then to our whole process group
    /// (kill(pid), kill(0), microseconds apart), and a user's Ctrl+C with `kill` on the group does
    /// the same. Counting that as the second signal killed the process before it could clean up.
    /// </summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Lock _gate = new();
    private long _firstSignalAt;

    /// <summary>Starts listening.</summary>
    public TerminationSignals()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    // .NET runs this on a new thread per signal, so two deliveries can run it at once: the gate
    // makes exactly one of them the first.
    private void OnSignal(PosixSignalContext context)
    {
        lock (_gate)
        {
            if (_firstSignalAt != 0 && Stopwatch.GetElapsedTime(_firstSignalAt) >= RepeatWindow)
                return; // a second signal: the default action ends the process
            context.Cancel = true;
            if (_firstSignalAt != 0) return; // the first one, delivered again
            _firstSignalAt = Stopwatch.GetTimestamp();
        }
        _cancel.Cancel();
    }

    /// <summary>
    /// Stops listening, unless a signal came: the process is then on its way out with 130, and the
    /// registrations stay until it ends, so a repeat of that signal arriving now (timeout's second
    /// delivery, to the group) is absorbed instead of killing it with the default action (exit 143)
    /// after the job has cleaned up.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_firstSignalAt != 0) return;
        }
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
