namespace SatVideoSeg.Segmentation.Sam;

/// <summary>A dense float32 tensor: row-major data with its shape.</summary>
/// <param name="Data">Row-major values.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
public sealed record Tensor(float[] Data, long[] Shape)
{
    /// <summary>Elements per item of the outermost (batch) axis.</summary>
    public long ItemSize => Shape.Length == 0 ? 1 : Shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as text, e.g. [1,256,64,64].</summary>
    public string ShapeText => "[" + string.Join(",", Shape) + "]";

    /// <summary>Items [start, start+count) of the batch axis as a new tensor.</summary>
    public Tensor Slice(int start, int count)
    {
        long n = ItemSize;
        var data = new float[n * count];
        Array.Copy(Data, start * n, data, 0, n * count);
        var shape = (long[])Shape.Clone();
        shape[0] = count;
        return new Tensor(data, shape);
    }
}
