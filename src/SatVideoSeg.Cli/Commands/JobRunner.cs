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
        catch (Exception e) when (e is OperationCanceledException || (cancellationToken.IsCancellationRequested && IsReportable(e)))
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

    // The errors users can fix, reported as one line; anything else is a bug and keeps its stack trace.
    private static bool IsReportable(Exception e) =>
        e is JobException or AnnotationFormatException or VideoFormatException or Segmentation.Sam.ModelContractException or ArgumentException or IOException or UnauthorizedAccessException;
}
