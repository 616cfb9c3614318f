namespace SatVideoSeg.Tests.Support;

/// <summary>A fact that runs the GPU build of the CLI; skipped, with the command that makes it, where it was not built.</summary>
public sealed class GpuBuildFactAttribute : FactAttribute
{
    public GpuBuildFactAttribute()
    {
        if (GpuBuild.Cli is null) Skip = "needs the GPU build: dotnet build src/SatVideoSeg.Cli -c Release -p:OnnxRuntimeGpu=true (build.cake's Test target makes it)";
        else if (!File.Exists(Path.Combine(SamModelFactAttribute.Folder, "model.json"))) Skip = $"needs the shipped model {SamModelFactAttribute.Folder}";
    }
}
