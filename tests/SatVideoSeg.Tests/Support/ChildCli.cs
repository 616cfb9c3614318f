using System.Diagnostics;
using System.Text;
using SatVideoSeg.Cli;

namespace SatVideoSeg.Tests.Support;

/// <summary>
/// The real `satvidseg` in a child process (`dotnet satvidseg.dll ...`), as users and schedulers
/// run it: signals are sent with kill(1), the exit code and stderr are what a shell would see.
/// </summary>
public sealed class ChildCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _output = new();

    private ChildCli(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>The child's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What it wrote to stderr so far.</summary>
    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    /// <summary>Starts `satvidseg <paramref name="args"/>`; <paramref name="environment"/> adds variables (e.g. TMPDIR).</summary>
    public static ChildCli Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return new ChildCli(Process.Start(info)!);
    }

    /// <summary>Starts `satvidseg <paramref name="args"/>`.</summary>
    public static ChildCli Start(params string[] args) => Start(args, null);

    /// <summary>
    /// Starts `satvidseg <paramref name="args"/>` as the leader of a process group of its own, as a
    /// shell starts a foreground job: its process group id is its pid, and <see cref="SignalGroup"/>
    /// reaches it and everything it started in that group, as Ctrl+C or `timeout` do. `setsid`
    /// execs in place (our forked child is no group leader), so the pid is satvidseg's; `env
    /// --default-signal` undoes an ignored SIGINT inherited from a test run started in the
    /// background, which a terminal's job does not have.
    /// </summary>
    public static ChildCli StartAsGroupLeader(params string[] args)
    {
        var info = new ProcessStartInfo("setsid") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "env", "--default-signal=INT,TERM,QUIT", "dotnet", typeof(CliApp).Assembly.Location }.Concat(args)) info.ArgumentList.Add(a);
        var child = new ChildCli(Process.Start(info)!);
        child.WaitUntil(() => ProcessGroupOf(child.Pid) == child.Pid, "its own process group");
        return child;
    }

    /// <summary>Sends SIGTERM (as `scancel`, a pod stop or `kill` do).</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends SIGKILL: the process ends with no chance to clean up.</summary>
    public void Kill() => Signal("KILL");

    /// <summary>Sends SIGSTOP: the process halts where it is, holding what it holds, until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Sends SIGCONT to a paused process.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Sends <paramref name="name"/> (TERM, INT) to the child's whole process group, as a terminal's Ctrl+C or `timeout` do; needs <see cref="StartAsGroupLeader"/>.</summary>
    public void SignalGroup(string name)
    {
        int? group = ProcessGroupOf(Pid);
        if (group is null) return; // ended and reaped already: like `timeout`'s, the signal reaches nothing
        if (group != Pid) throw new InvalidOperationException("the child leads no process group: start it with StartAsGroupLeader");
        using var kill = Process.Start("kill", [$"-{name}", "--", $"-{Pid}"])!;
        kill.WaitForExit();
    }

    /// <summary>The processes the child started (pid, name, process group id), read from /proc.</summary>
    public IReadOnlyList<(int Pid, string Name, int ProcessGroup)> Children() =>
        [.. Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? ReadStat(pid) : null)
            .Where(p => p is not null && p.Value.Parent == Pid)
            .Select(p => (p!.Value.Pid, p.Value.Name, p.Value.Group))];

    // /proc/<pid>/stat: "pid (name) state ppid pgrp ...", the name may hold spaces and parentheses.
    private static (int Pid, string Name, int Parent, int Group)? ReadStat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
            var rest = stat[(close + 2)..].Split(' ');
            return (pid, stat[(open + 1)..close], int.Parse(rest[1]), int.Parse(rest[2]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended while listed
        }
    }

    private static int? ProcessGroupOf(int pid) => ReadStat(pid)?.Group;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test when the child ends first or the time runs out.</summary>
    public void WaitUntil(Func<bool> condition, string what, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"the child ended (exit {_process.ExitCode}) before {what}: {Errors}");
            if (clock.Elapsed.TotalSeconds > timeoutSeconds) throw new Xunit.Sdk.XunitException($"no {what} after {timeoutSeconds} s: {Errors}");
            Thread.Sleep(10);
        }
    }

    /// <summary>Waits for the end; returns the exit code and stderr.</summary>
    public (int Code, string Errors) WaitForExit(int timeoutSeconds = 120)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            throw new Xunit.Sdk.XunitException($"the child still runs after {timeoutSeconds} s: {Errors}");
        _process.WaitForExit(); // drains the redirected streams
        return (_process.ExitCode, Errors);
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", Pid.ToString()])!;
        kill.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Ended already.
        }
        _process.Dispose();
    }
}
