using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Mots;

namespace SatVideoSeg.Tests.Support;

/// <summary>Writes small MOTS txt files from hand-drawn masks.</summary>
public static class TestMots
{
    /// <summary>One line per (0-based frame, instance id, class, mask), 1-based frames in the file.</summary>
    public static string Write(string path, params (int Frame, int Id, ObjectClass Class, BitMask Mask)[] objects)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, objects.Select(o => MotsFormat.FormatLine(o.Frame, o.Id, o.Class, o.Mask)));
        return path;
    }
}
