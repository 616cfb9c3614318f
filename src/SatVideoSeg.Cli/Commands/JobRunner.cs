using SatVideoSeg.Datasets;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Video;
using Spectre.Console;

namespace SatVideoSeg.Cli.Commands;

/// <summary>
/// Runs a Pipeline job behind a progress bar and turns the errors users can fix (bad files,
/// unreadable video, invalid options) into one clear line on stderr and exit code 1.
/// </summary>
public static class JobRunner
{
    /// <summary>Runs <paramref name="job"/>; returns the exit code. <paramref name="cancellationToken"/> is the one the job got (required, so no command forgets it): a failure once it is cancelled counts as the cancellation.</summary>
    public static int Run(IAnsiConsole console, TextWriter errors, string title, Action<IProgress<JobProgress>> job, CancellationToken cancellationToken)
    {
        try
        {
            if (console.Profile.Capabilities.Interactive)
            {
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask(title);
                        job(new Progress<JobProgress>(p =>
                        {
                            if (p.Total is int total && total > 0) task.MaxValue = total;
                            task.Value = p.Done;
                        }));
                        task.Value = task.MaxValue;
                    });
            }
            else
            {
                job(new Progress<JobProgress>(_ => { }));
            }
            return 0;
        }
        catch (Exception e) when (e is OperationCanceledException || (IsReportable(e) && CameWithCancellation(e, cancellationToken)))
        {
            // Every job stops at its next frame or sequence; outputs are written under temporary
            // names and renamed only on success, so nothing half-written remains. 130 = 128 + SIGINT.
            // A failure after the stop was asked for is its consequence, e.g. an FFmpeg child the
            // same signal reached (a scheduler signalling every process of the job): report what the
            // user asked for, not a broken pipe.
            errors.WriteLine("cancelled: stopped before the end; no half-written output is left (segment and convert resume where they stopped when run again)");
            return 130;
        }
        catch (Exception e) when (IsReportable(e))
        {
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    // How long a failure of our FFmpeg children waits for a cancellation to arrive (see below).
    private static readonly TimeSpan ChildStopGrace = TimeSpan.FromSeconds(1);

    // Whether a failure is the consequence of a cancellation. A stop that signals every process of
    // the job (Slurm's scancel, systemd) may reach FFmpeg a moment before satvidseg: the pipe breaks
    // and the job fails before our own signal handler has run, so an FFmpeg failure waits up to
    // ChildStopGrace for it (a real FFmpeg error is reported that much later).
    private static bool CameWithCancellation(Exception e, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested || (FromFfmpeg(e) && cancellationToken.WaitHandle.WaitOne(ChildStopGrace));

    // Jobs report video errors as job errors, with the FFmpeg failure inside.
    private static bool FromFfmpeg(Exception e) =>
        e is VideoFormatException || (e.InnerException is { } inner && FromFfmpeg(inner));

    // The errors users can fix, reported as one line; anything else is a bug and keeps its stack trace.
    private static bool IsReportable(Exception e) =>
        e is JobException or AnnotationFormatException or VideoFormatException or Segmentation.Sam.ModelContractException or ArgumentException or IOException or UnauthorizedAccessException;
}
