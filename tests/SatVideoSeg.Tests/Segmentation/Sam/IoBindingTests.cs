using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// Issue 14: with I/O binding the encoder's outputs are bound to the device's memory and fed to
/// the decoder as they are, and inputs are written into buffers reused by every call. On the CPU
/// that must change nothing: the same kernels on the same values give bitwise the same outputs as
/// ONNX Runtime's returned outputs (the path before), whatever batch sizes came before.
/// </summary>
public class IoBindingTests
{
    private static SamModel Load(bool ioBinding) =>
        SamModel.Load(SamModelFactAttribute.Folder, 1, ExecutionDevice.Cpu, SessionSettings.Default with { IoBinding = ioBinding });

    [SamModelFact]
    public void Io_Binding_Gives_Bitwise_The_Outputs_Of_Returned_Outputs_On_The_Cpu()
    {
        using var bound = Load(ioBinding: true);
        using var returned = Load(ioBinding: false);
        var crops = ModelCalls.Crops(bound.Manifest.InputSize, 3, seed: 1);

        var a = ModelCalls.Run(bound, crops);
        var b = ModelCalls.Run(returned, crops);

        Assert.Equal(b.Iou, a.Iou);
        Assert.Equal(b.LowRes, a.LowRes);
    }

    [SamModelFact]
    public void A_Smaller_Batch_After_A_Larger_One_In_The_Reused_Buffers_Gives_What_A_Fresh_Model_Gives()
    {
        using var reused = Load(ioBinding: true);
        int s = reused.Manifest.InputSize;
        // Fills the buffers with 4 other crops first: a view of the smaller batch must read only its own.
        ModelCalls.Run(reused, ModelCalls.Crops(s, 4, seed: 2));
        var small = ModelCalls.Crops(s, 2, seed: 3);
        var afterLarger = ModelCalls.Run(reused, small);

        using var fresh = Load(ioBinding: true);
        var alone = ModelCalls.Run(fresh, small);

        Assert.Equal(alone.Iou, afterLarger.Iou);
        Assert.Equal(alone.LowRes, afterLarger.LowRes);
    }
}
