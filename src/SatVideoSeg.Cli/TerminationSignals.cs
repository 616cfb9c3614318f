using System.Runtime.InteropServices;

namespace SatVideoSeg.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT), SIGTERM or SIGQUIT into a cancellation of the running job, so
/// it stops, removes its partial files and exits with 130; a second signal ends the process at
/// once. System.CommandLine's own handling cannot do this here: it registers its handler only
/// after the action's task is returned, and our actions run their job before returning.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening.</summary>
    public TerminationSignals()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested) return; // second signal: the default action ends the process
        context.Cancel = true;
        _cancel.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
