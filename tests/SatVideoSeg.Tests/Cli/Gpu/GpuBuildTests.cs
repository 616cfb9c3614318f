using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli.Gpu;

/// <summary>
/// The GPU build on a machine without CUDA (CI, this development machine): its CPU provider must
/// give the CPU build's masks, and asking it for CUDA must fail in one line naming what is missing.
/// </summary>
public class GpuBuildTests
{
    private static string Sample(string file) => Path.Combine(RepoPaths.Root, "videos", "synth-sample", file);

    [GpuBuildFact]
    public void Gpu_Build_Segments_The_Sample_On_The_Cpu_With_The_Same_Masks_As_The_Cpu_Build()
    {
        using var dir = new TempDir();
        string[] common = ["segment", Sample("video.mp4"), "--boxes", Sample("boxes.mot.txt"), "--model", SamModelFactAttribute.Folder,
            "--threads", "1", "--batch-size", "4", "--no-report", "--no-overlay"];

        var gpu = GpuBuild.Run(GpuBuild.Cli!, [.. common, "--out", dir.File("gpu"), "--device", "cpu"]);
        var cpu = GpuBuild.Run(typeof(SatVideoSeg.Cli.CliApp).Assembly.Location, [.. common, "--out", dir.File("cpu")]);

        Assert.True(gpu.Code == 0, gpu.Errors);
        Assert.True(cpu.Code == 0, cpu.Errors);
        string gpuTracks = File.ReadAllText(Path.Combine(dir.File("gpu"), "tracks.mots.txt"));
        Assert.Equal(1284, gpuTracks.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("cpu"), "tracks.mots.txt")), gpuTracks);
    }

    [GpuBuildFact]
    public void Gpu_Build_Asked_For_Cuda_Without_Cuda_Fails_In_One_Line_Naming_Each_Missing_Library()
    {
        var missing = CudaLibraries.Missing();
        if (missing.Count == 0) return; // a machine with CUDA: nothing is missing to name

        var (code, output, errors) = GpuBuild.Run(GpuBuild.Cli!, "bench", "model", "--model", SamModelFactAttribute.Folder, "--device", "cuda", "--batch", "1");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --device cuda:0: CUDA is not usable here: missing ", line);
        foreach (var (file, providedBy) in missing) Assert.Contains($"{file} ({providedBy})", line);
    }

    [GpuBuildFact]
    public void Gpu_Build_With_Device_Auto_And_No_Cuda_Runs_On_The_Cpu_And_Says_So()
    {
        if (CudaLibraries.Missing().Count == 0) return; // with CUDA, auto runs there

        var (code, output, errors) = GpuBuild.Run(GpuBuild.Cli!, "bench", "model", "--model", SamModelFactAttribute.Folder, "--device", "auto", "--batch", "1", "--calls", "1", "--threads", "1");

        Assert.True(code == 0, errors);
        Assert.StartsWith("--device auto: CUDA is not usable here (missing libcuda.so.1 (the NVIDIA driver)", errors);
        Assert.EndsWith("; running on the CPU", errors.Trim());
        Assert.Contains("device cpu", output);
    }

    [Fact]
    public void Cpu_Build_Asked_For_Cuda_Names_The_Property_That_Makes_A_Gpu_Build()
    {
        var (code, _, errors) = CliRunner.Run("bench", "model", "--device", "cuda", "--batch", "1");

        Assert.Equal(1, code);
        Assert.Contains("-p:OnnxRuntimeGpu=true", errors);
    }
}
