using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Tests.Segmentation.Sam;

public class ExecutionDeviceTests
{
    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void Asking_For_Cuda_In_A_Cpu_Build_Names_The_Build_Property(string device)
    {
        if (ExecutionDevice.GpuBuild) return;  // The GPU build accepts it; this test is about the CPU build CI runs.

        var e = Assert.Throws<ArgumentException>(() => ExecutionDevice.Parse(device));

        Assert.Contains("-p:OnnxRuntimeGpu=true", e.Message);
    }

    [Theory]
    [InlineData("cpu", false)]
    [InlineData("auto", false)]
    public void Cpu_And_Auto_Run_On_The_Cpu_In_A_Cpu_Build(string device, bool cuda)
    {
        Assert.Equal(cuda || ExecutionDevice.GpuBuild && device == "auto", ExecutionDevice.Parse(device).Cuda);
    }

    [Fact]
    public void Unknown_Devices_Are_Rejected_By_Name()
    {
        Assert.Contains("'tpu'", Assert.Throws<ArgumentException>(() => ExecutionDevice.Parse("tpu")).Message);
    }
}
