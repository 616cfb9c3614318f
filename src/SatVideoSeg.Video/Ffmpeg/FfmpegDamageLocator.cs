using System.Diagnostics;

namespace SatVideoSeg.Video.Ffmpeg;

/// <summary>
/// Finds where in a video FFmpeg first reports damage. FFmpeg conceals a broken packet and goes on
/// (exit code 0, every frame output), and its messages name no frame; decoding once more with
/// ffprobe, one thread, printing a line per frame on the same stream as the messages, puts each
/// message after the frames decoded before it. With B-frames the output order differs from the
/// decoding order by a few frames, so the frame found is "near" the damage, not exact.
/// </summary>
public static class FfmpegDamageLocator
{
    /// <summary>The 1-based frame at which the first decoder message appears, or null when none does or ffprobe cannot run.</summary>
    public static int? FirstDamagedFrame(string path)
    {
        // sh merges ffprobe's stderr into its stdout, so the order of frames and messages is kept.
        var info = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", "exec ffprobe -v error -threads 1 -select_streams v:0 -show_entries frame=key_frame -of csv=p=0 \"$0\" 2>&1", path })
            info.ArgumentList.Add(a);
        OwnSession.Apply(info);
        try
        {
            using var p = Process.Start(info);
            if (p is null) return null;
            int frames = 0;
            int? found = null;
            for (string? line = p.StandardOutput.ReadLine(); line is not null; line = p.StandardOutput.ReadLine())
            {
                if (found is not null || line.Trim().Length == 0) continue;
                if (line.StartsWith('[')) found = frames + 1;
                else frames++;
            }
            p.WaitForExit();
            return found;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
