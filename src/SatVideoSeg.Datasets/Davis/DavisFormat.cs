using System.Globalization;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.IO;

namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// DAVIS annotation folders: <c>Annotations/&lt;seq&gt;/00000.png</c>, one PNG per frame (0-based,
/// five digits). Up to 254 objects: 8-bit palette PNG, pixel = object index 1..N (0 background);
/// more: 16-bit MOTS PNG, pixel = obj_id (class*1000 + id). Every frame gets a file, empty ones too.
/// </summary>
public static class DavisFormat
{
    /// <summary>Most objects an 8-bit palette PNG holds (1..254; 255 is DAVIS's void label).</summary>
    public const int MaxPaletteObjects = 254;

    /// <summary>File name of a 0-based frame ("00007.png").</summary>
    public static string FileName(int frameIndex) => frameIndex.ToString("D5", CultureInfo.InvariantCulture) + ".png";

    /// <summary>
    /// Writes one frame atomically. <paramref name="objects"/> pairs each pixel value (palette index
    /// or obj_id) with its mask; masks must not overlap (a later one wins where they do).
    /// </summary>
    public static void SaveFrame(string sequenceFolder, int frameIndex, int width, int height, IReadOnlyList<(int Value, BitMask Mask)> objects, bool sixteenBit)
    {
        byte[] png;
        if (sixteenBit)
        {
            var values = new ushort[width * height];
            foreach (var (value, mask) in objects)
            {
                if (value is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(objects), value, "16-bit PNG values are 1..65535");
                Paint(mask, width, (i) => values[i] = (ushort)value);
            }
            png = MotsPng16.Encode(width, height, values);
        }
        else
        {
            var indices = new byte[width * height];
            foreach (var (value, mask) in objects)
            {
                if (value is < 1 or > MaxPaletteObjects) throw new ArgumentOutOfRangeException(nameof(objects), value, $"palette indices are 1..{MaxPaletteObjects}; use the 16-bit PNG for more objects");
                Paint(mask, width, (i) => indices[i] = (byte)value);
            }
            png = IndexedPngWriter.Encode(width, height, indices);
        }
        AtomicFile.WriteAllBytes(Path.Combine(sequenceFolder, FileName(frameIndex)), png);
    }

    private static void Paint(BitMask mask, int width, Action<int> set)
    {
        if (mask.FrameWidth != width) throw new ArgumentException($"mask of a {mask.FrameWidth}-px wide frame painted into a {width}-px wide image");
        var r = mask.Rect;
        for (int y = 0; y < r.Height; y++)
            for (int x = 0; x < r.Width; x++)
                if (mask.Data[y * r.Width + x] != 0) set((r.Y + y) * width + r.X + x);
    }

    /// <summary>
    /// Reads every frame of a sequence folder (files in name order; frame index from the name):
    /// for each frame the masks per pixel value, in ascending value order.
    /// </summary>
    public static IReadOnlyList<(int FrameIndex, IReadOnlyList<(int Value, BitMask Mask)> Objects)> LoadSequence(string sequenceFolder)
    {
        var result = new List<(int, IReadOnlyList<(int, BitMask)>)>();
        foreach (var file in Directory.EnumerateFiles(sequenceFolder, "*.png").Order(StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            if (!stem.All(char.IsAsciiDigit) || !int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out int frame))
                throw new AnnotationFormatException(file, 0, "the file name is not a frame number (DAVIS names frames 00000.png, 00001.png, ...)");
            result.Add((frame, LoadFrame(file)));
        }
        return result;
    }

    /// <summary>Reads one frame PNG (8-bit palette/greyscale or 16-bit greyscale) into masks per pixel value.</summary>
    public static IReadOnlyList<(int Value, BitMask Mask)> LoadFrame(string file)
    {
        var bytes = File.ReadAllBytes(file);
        // IHDR bit depth sits at byte 24 (8 signature + 4 length + 4 type + 8 width/height).
        int[] values;
        int width, height;
        try
        {
            if (bytes.Length > 24 && bytes[24] == 16)
            {
                var (w, h, v) = MotsPng16.Decode(bytes);
                (width, height, values) = (w, h, v.Select(x => (int)x).ToArray());
            }
            else
            {
                var (w, h, v) = IndexedPng.Decode(bytes);
                (width, height, values) = (w, h, v.Select(x => (int)x).ToArray());
            }
        }
        catch (FormatException e)
        {
            // Decoded from the bytes read above, not read again: errors name the file as Read's do.
            throw new AnnotationFormatException(file, 0, e.Message);
        }
        var objects = new List<(int, BitMask)>();
        foreach (int value in values.Where(v => v != 0).Distinct().Order())
            objects.Add((value, BitMask.FromLabel<int>(values, value, width, height)));
        return objects;
    }
}
