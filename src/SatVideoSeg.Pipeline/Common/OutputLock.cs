using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SatVideoSeg.Pipeline.Common;

/// <summary>
/// An advisory lock on a lock file (flock(2)), so that an output is written by one run at a time:
/// taken before the run writes anything, it fails at once, naming the holder's pid, when another
/// live run holds it. The kernel drops a flock when its process dies, however it dies, so the lock
/// file of a killed run (its pid still inside) is simply taken over. Shared locks let several
/// runs of one kind work side by side (`convert` shards in one folder) while excluding the others.
/// On release the lock file is deleted; a run that takes a lock checks afterwards that the file
/// it locked is still the one at the path (not one deleted by its releasing holder meanwhile).
/// flock is called directly because .NET's FileShare locking cannot be read past: another process
/// could not read the pid out of a file that .NET holds with FileShare.None.
/// </summary>
public sealed partial class OutputLock : IDisposable
{
    /// <summary>Name of the lock file of an output folder.</summary>
    public const string FolderFileName = ".satvidseg.lock";

    private const int LockShared = 1, LockExclusive = 2, LockNonBlocking = 4, LockRelease = 8;
    private const int ReadWrite = 2, Create = 0x40, CloseOnExec = 0x80000;
    private const int WouldBlock = 11, NoSuchFile = 2;

    private readonly string _path;
    private readonly bool _shared;
    private SafeFileHandle? _handle;

    private OutputLock(string path, SafeFileHandle? handle, bool shared)
    {
        _path = path;
        _handle = handle;
        _shared = shared;
    }

    /// <summary>The lock file.</summary>
    public string Path => _path;

    /// <summary>
    /// Takes the lock on <paramref name="lockFile"/> (created when missing) without waiting.
    /// </summary>
    /// <param name="lockFile">The lock file; its folder must exist.</param>
    /// <param name="what">What is locked, for the error: "--out out/demo" gives "--out out/demo is in use by another run (pid 4242)".</param>
    /// <param name="shared">Shared with other shared holders, exclusive of exclusive ones.</param>
    /// <exception cref="JobException">Another live run holds the lock.</exception>
    public static OutputLock Take(string lockFile, string what, bool shared = false)
    {
        string path = System.IO.Path.GetFullPath(lockFile);
        if (!OperatingSystem.IsLinux()) return new OutputLock(path, null, shared); // flock and the stat layout below are Linux's
        while (true)
        {
            int fd = Open(path, ReadWrite | Create | CloseOnExec, 0b110_100_100 /* rw-r--r-- */);
            if (fd < 0) throw new JobException($"{what}: cannot create the lock file {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            var handle = new SafeFileHandle(fd, ownsHandle: true);
            if (Flock(fd, (shared ? LockShared : LockExclusive) | LockNonBlocking) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                string holder = ReadPid(handle);
                handle.Dispose();
                if (error == WouldBlock) throw new JobException($"{what} is in use by another run (pid {holder})");
                // A file system without locks (some network mounts): run unlocked rather than not at all.
                return new OutputLock(path, null, shared);
            }
            if (!SameFile(fd, path))
            {
                // The holder we waited on deleted the file as it let go: lock the new one instead.
                handle.Dispose();
                continue;
            }
            var taken = new OutputLock(path, handle, shared);
            try
            {
                WritePid(handle);
            }
            catch
            {
                // A full disk: no lock file is left behind by a run that never started.
                taken.Dispose();
                throw;
            }
            return taken;
        }
    }

    /// <summary>Releases the lock and deletes the lock file (a shared holder deletes it only when it is the last one).</summary>
    public void Dispose()
    {
        if (_handle is null) return;
        int fd = (int)_handle.DangerousGetHandle();
        // Deleting while still holding the lock: a run that opened the old file finds, once it
        // has locked it, that the path names another file (SameFile) and tries again.
        if (!_shared || Flock(fd, LockExclusive | LockNonBlocking) == 0)
        {
            try
            {
                File.Delete(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A lock file left behind is harmless: the next run takes it over.
            }
        }
        Flock(fd, LockRelease);
        _handle.Dispose();
        _handle = null;
    }

    private static string ReadPid(SafeFileHandle handle)
    {
        var buffer = new byte[32];
        int n;
        try
        {
            n = RandomAccess.Read(handle, buffer, 0);
        }
        catch (IOException)
        {
            return "unknown";
        }
        string text = Encoding.ASCII.GetString(buffer, 0, n).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid.ToString(CultureInfo.InvariantCulture) : "unknown";
    }

    private static void WritePid(SafeFileHandle handle)
    {
        var bytes = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        RandomAccess.SetLength(handle, 0);
        RandomAccess.Write(handle, bytes, 0);
    }

    // Whether the open file and the path are the same inode. struct stat begins with st_dev and
    // st_ino (8 bytes each) on both 64-bit Linux layouts (x86_64, and the generic one of arm64).
    private static unsafe bool SameFile(int fd, string path)
    {
        byte* open = stackalloc byte[256];
        byte* named = stackalloc byte[256];
        if (Fstat(fd, open) != 0) return true; // cannot tell: keep the lock taken
        if (Stat(path, named) != 0) return Marshal.GetLastPInvokeError() != NoSuchFile;
        return ((long*)open)[0] == ((long*)named)[0] && ((long*)open)[1] == ((long*)named)[1];
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int Fstat(int fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
