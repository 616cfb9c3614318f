using System.Text.Json;
using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Tests.Support;

/// <summary>The real iSAID image P0003 (1147x1023) and its 59 instance boxes as prompts (../shared/data/real).</summary>
public static class RealP0003
{
    /// <summary>The image file.</summary>
    public static string Image => Path.Combine(RealData.Path("isaid-P0003"), "P0003.png");

    /// <summary>The frame and one prompt per instance (tight box, edge coordinates), in instances.json order.</summary>
    public static (Frame Frame, ObjectPrompt[] Prompts) Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealData.Path("isaid-P0003"), "instances.json")));
        var prompts = json.RootElement.GetProperty("instances").EnumerateArray()
            .Select(e => e.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .Select((b, i) => new ObjectPrompt(i + 1, ObjectClass.Car, new BoxXyxy(b[0], b[1], b[0] + b[2], b[1] + b[3])))
            .ToArray();
        using var mat = Cv2.ImRead(Image, ImreadModes.Color);
        var pixels = new byte[mat.Rows * mat.Cols * 3];
        System.Runtime.InteropServices.Marshal.Copy(mat.Data, pixels, 0, pixels.Length);
        return (new Frame(0, mat.Cols, mat.Rows, pixels), prompts);
    }
}
