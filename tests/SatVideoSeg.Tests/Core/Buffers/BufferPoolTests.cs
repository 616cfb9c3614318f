using SatVideoSeg.Core.Buffers;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Tests.Core.Buffers;

public class BufferPoolTests
{
    [Fact]
    public void A_Returned_Array_Is_Rented_Again_Instead_Of_Allocating()
    {
        var pool = new BufferPool<byte>();
        var first = pool.Rent(1000);
        pool.Return(first);

        var second = pool.Rent(1000);

        Assert.Same(first, second);
        Assert.Equal(1, pool.Allocated);
    }

    [Fact]
    public void Arrays_Are_Only_Reused_For_The_Exact_Length()
    {
        var pool = new BufferPool<float>();
        var small = pool.Rent(10);
        pool.Return(small);

        var larger = pool.Rent(11);

        Assert.NotSame(small, larger);
        Assert.Equal(11, larger.Length);
        Assert.Same(small, pool.Rent(10));
    }

    [Fact]
    public void Free_Arrays_Beyond_The_Retention_Limit_Are_Left_To_The_Collector()
    {
        var pool = new BufferPool<byte>(maxRetainedPerLength: 2);
        var rented = Enumerable.Range(0, 3).Select(_ => pool.Rent(8)).ToArray();
        foreach (var a in rented) pool.Return(a);

        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent(8)).ToArray();

        // Two came back from the pool, the third is new.
        Assert.Equal(2, again.Count(a => rented.Contains(a)));
        Assert.Equal(4, pool.Allocated);
    }

    [Fact]
    public void Disposing_A_Pooled_Frame_Twice_Returns_Its_Buffer_Once()
    {
        var pool = new BufferPool<byte>();
        var frame = new Frame(0, 4, 2, pool.Rent(4 * 2 * 3), pool);

        frame.Dispose();
        frame.Dispose();

        // Returned once: the next two rents are the frame's buffer and then a new array, not the same one twice.
        var a = pool.Rent(24);
        var b = pool.Rent(24);
        Assert.Same(frame.Pixels, a);
        Assert.NotSame(a, b);
    }

    [Fact]
    public void Disposing_A_Frame_That_Was_Not_Rented_Does_Nothing()
    {
        var frame = new Frame(0, 2, 2, new byte[12]);

        frame.Dispose();

        Assert.Equal(12, frame.Pixels.Length);
    }
}
