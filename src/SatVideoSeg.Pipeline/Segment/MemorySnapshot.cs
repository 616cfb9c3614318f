using System.Text;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Pipeline.Segment;

/// <summary>
/// The tracks' mask memory after one frame (<see cref="MaskLogits"/> by track id), saved beside a
/// segment journal so that a resumed run continues with the memory the interrupted one had: the
/// masks the journal replays carry none. Binary, little-endian: "SVSM", version 1, the journal's
/// key, the 0-based frame, the entry count, then per entry the track id, the map's side, its
/// window (x, y, width, height) and side x side float32 logits. Written atomically.
/// </summary>
/// <param name="Frame">The 0-based frame after whose linking the memory was taken.</param>
/// <param name="Memory">Mask memory by track id.</param>
public sealed record MemorySnapshot(int Frame, IReadOnlyDictionary<int, MaskLogits> Memory)
{
    private const string Magic = "SVSM";
    private const int Version = 1;

    /// <summary>Writes the snapshot to <paramref name="path"/> (atomically) for the journal with <paramref name="key"/>.</summary>
    public void Save(string path, string key)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(Version);
            w.Write(key);
            w.Write(Frame);
            w.Write(Memory.Count);
            foreach (var (id, m) in Memory.OrderBy(kv => kv.Key))
            {
                w.Write(id);
                w.Write(m.Size);
                w.Write(m.Window.X);
                w.Write(m.Window.Y);
                w.Write(m.Window.Width);
                w.Write(m.Window.Height);
                foreach (float v in m.Logits) w.Write(v);
            }
        }
        AtomicFile.WriteAllBytes(path, bytes.ToArray());
    }

    /// <summary>
    /// The snapshot at <paramref name="path"/> when it belongs to the journal with <paramref name="key"/>;
    /// null when there is none, it is another run's, or it cannot be read whole (the journal then
    /// replays only the frames before any memory, which is always right).
    /// </summary>
    public static MemorySnapshot? Load(string path, string key)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (Encoding.ASCII.GetString(r.ReadBytes(Magic.Length)) != Magic || r.ReadInt32() != Version || r.ReadString() != key) return null;
            int frame = r.ReadInt32(), count = r.ReadInt32();
            var memory = new Dictionary<int, MaskLogits>(count);
            for (int i = 0; i < count; i++)
            {
                int id = r.ReadInt32(), size = r.ReadInt32();
                var window = new PixelRect(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                if (size <= 0 || window.IsEmpty) return null;
                var logits = new float[checked(size * size)];
                for (int k = 0; k < logits.Length; k++) logits[k] = r.ReadSingle();
                memory[id] = new MaskLogits(logits, size, window);
            }
            return r.BaseStream.Position == r.BaseStream.Length ? new MemorySnapshot(frame, memory) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException or ArgumentException or OutOfMemoryException)
        {
            return null;
        }
    }
}
