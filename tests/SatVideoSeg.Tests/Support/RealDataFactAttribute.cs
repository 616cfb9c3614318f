namespace SatVideoSeg.Tests.Support;

/// <summary>
/// A fact that needs ../shared/data/real (research data that is never copied into the repo): it is
/// skipped, with the reason shown, where that folder is absent.
/// </summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string folder)
    {
        if (!Directory.Exists(RealData.Path(folder)))
            Skip = $"needs the real sample {RealData.Path(folder)}, absent on this machine";
    }
}

/// <summary>Where the shared real samples live, relative to the repository.</summary>
public static class RealData
{
    public static string Path(string folder) => System.IO.Path.Combine(RepoPaths.Root, "..", "shared", "data", "real", folder);
}
