using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// One session's input tensors in native memory that is allocated once per input and reused by
/// every call: grown only when a larger batch comes, and viewed at each call's shape. On CUDA the
/// memory comes from the provider's pinned ("CudaPinned") allocator, so ONNX Runtime copies it to
/// the device by DMA without staging it first. Values are written as the session's input type:
/// float32 as given, float16 converted here (the boundary of a float16 model folder). A float32
/// input in plain host memory (the CPU, or CUDA without a pinned allocator) needs no buffer: the
/// caller's array is wrapped as it is, with no copy. Not thread-safe: <see cref="SamModel"/>
/// serialises calls.
/// </summary>
internal sealed class InputBuffers : IDisposable
{
    private readonly OrtAllocator _allocator;
    private readonly IReadOnlyDictionary<string, NodeMetadata> _inputs;
    private readonly Dictionary<string, OrtMemoryAllocation> _memory = [];

    /// <summary>Buffers for <paramref name="session"/>'s inputs from <paramref name="allocator"/>.</summary>
    public InputBuffers(InferenceSession session, OrtAllocator allocator)
    {
        _allocator = allocator;
        _inputs = session.InputMetadata;
    }

    /// <summary>
    /// Writes <paramref name="value"/> into the input's buffer and returns a view of it at the value's
    /// shape (or wraps the value's own array, see above). The view is the caller's to dispose; its
    /// memory stays here (or is the caller's) and is overwritten by the next call for the same input.
    /// </summary>
    public OrtValue Write(string name, Tensor value)
    {
        var type = _inputs[name].ElementDataType;
        if (type == TensorElementType.Float && _allocator == OrtAllocator.DefaultInstance)
            return OrtValue.CreateTensorValueFromMemory(value.Data, value.Shape);
        long elementSize = type == TensorElementType.Float16 ? 2 : 4;
        long bytes = value.Data.Length * elementSize;
        var memory = Reserve(name, bytes);
        // OrtMemoryAllocation is a SafeHandle over the allocation: its handle is the data pointer.
        var view = OrtValue.CreateTensorValueWithData(memory.Info, type, value.Shape, memory.DangerousGetHandle(), bytes);
        if (type == TensorElementType.Float16)
            TensorPrimitives.ConvertToHalf(value.Data, MemoryMarshal.Cast<Float16, Half>(view.GetTensorMutableDataAsSpan<Float16>()));
        else
            value.Data.AsSpan().CopyTo(view.GetTensorMutableDataAsSpan<float>());
        return view;
    }

    private OrtMemoryAllocation Reserve(string name, long bytes)
    {
        if (_memory.TryGetValue(name, out var held) && held.Size >= bytes) return held;
        if (bytes > uint.MaxValue)
            throw new ModelContractException($"input '{name}' needs {bytes / (1L << 20)} MiB in one tensor, more than ONNX Runtime's allocator hands out at once (4 GiB): use a smaller --batch");
        held?.Dispose();
        // At least one byte: ONNX Runtime's allocators refuse 0, and an empty batch is still a call.
        var memory = _allocator.Allocate((uint)Math.Max(bytes, 1));
        _memory[name] = memory;
        return memory;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var memory in _memory.Values) memory.Dispose();
        _memory.Clear();
    }
}
