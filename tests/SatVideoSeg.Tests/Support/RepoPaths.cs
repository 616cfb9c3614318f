namespace SatVideoSeg.Tests.Support;

/// <summary>Locates the repository root (the folder holding SatVideoSeg.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>A file of the committed synthetic sample, videos/synth-sample/.</summary>
    public static string SynthSample(string file) => System.IO.Path.Combine(Root, "videos", "synth-sample", file);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "SatVideoSeg.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SatVideoSeg.sln not found above " + AppContext.BaseDirectory);
    }
}
