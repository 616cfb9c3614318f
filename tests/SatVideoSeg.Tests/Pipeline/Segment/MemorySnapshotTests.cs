using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class MemorySnapshotTests
{
    private static MemorySnapshot Example() => new(50, new Dictionary<int, MaskLogits>
    {
        [3] = new([-20f, 1.5f, 2.25f, -0.125f], 2, new PixelRect(10, 12, 8, 8)),
        [11] = new(Enumerable.Range(0, 9).Select(i => i * 0.5f - 2).ToArray(), 3, new PixelRect(-4, 0, 16, 16)),
    });

    [Fact]
    public void A_Saved_Snapshot_Loads_Back_Bit_For_Bit_For_Its_Own_Journal_Key()
    {
        using var dir = new TempDir();
        string path = dir.File("memory.bin");
        Example().Save(path, "key-a");

        var loaded = MemorySnapshot.Load(path, "key-a")!;

        Assert.Equal(50, loaded.Frame);
        Assert.Equal([3, 11], loaded.Memory.Keys.Order());
        foreach (var (id, m) in Example().Memory)
        {
            Assert.Equal((m.Size, m.Window), (loaded.Memory[id].Size, loaded.Memory[id].Window));
            Assert.Equal(m.Logits, loaded.Memory[id].Logits);
        }
    }

    [Fact]
    public void Another_Runs_Snapshot_A_Missing_One_Or_One_Cut_Short_Loads_As_None()
    {
        using var dir = new TempDir();
        string path = dir.File("memory.bin");
        Assert.Null(MemorySnapshot.Load(path, "key-a"));
        Example().Save(path, "key-a");

        Assert.Null(MemorySnapshot.Load(path, "key-b"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        Assert.Null(MemorySnapshot.Load(path, "key-a"));
        File.WriteAllBytes(path, [.. bytes, 0]);
        Assert.Null(MemorySnapshot.Load(path, "key-a"));
    }
}
