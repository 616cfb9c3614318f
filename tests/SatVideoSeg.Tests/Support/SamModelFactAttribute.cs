namespace SatVideoSeg.Tests.Support;

/// <summary>A fact that needs the shipped model folder (models/sat-unet); skipped, with the reason, where it is absent.</summary>
public sealed class SamModelFactAttribute : FactAttribute
{
    public static string Folder => Path.Combine(RepoPaths.Root, "models", "sat-unet");

    public SamModelFactAttribute()
    {
        if (!File.Exists(Path.Combine(Folder, "model.json"))) Skip = $"needs the shipped model {Folder}, absent in this checkout";
    }
}
