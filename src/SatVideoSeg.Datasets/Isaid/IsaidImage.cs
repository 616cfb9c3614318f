using System.Text.Json;
using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Datasets.Isaid;

/// <summary>
/// One iSAID image with its instances, as in ../shared/data/real/isaid-P0003: the RGB image, an
/// instance-id PNG (black = background, every other colour = one instance) and instances.json
/// (category, tight bbox [x,y,w,h] and area per instance colour).
/// </summary>
public sealed class IsaidImage
{
    private IsaidImage(Frame frame, IReadOnlyList<IsaidInstance> instances)
    {
        Frame = frame;
        Instances = instances;
    }

    /// <summary>The image as a one-frame video frame.</summary>
    public Frame Frame { get; }

    /// <summary>The instances with their masks.</summary>
    public IReadOnlyList<IsaidInstance> Instances { get; }

    /// <summary>Reads a folder holding instances.json and the images it names.</summary>
    public static IsaidImage Load(string folder)
    {
        string jsonPath = Path.Combine(folder, "instances.json");
        if (!File.Exists(jsonPath)) throw new AnnotationFormatException(jsonPath, 0, "no such file");
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = doc.RootElement;
        string imagePath = Path.Combine(folder, root.GetProperty("image").GetString()!);
        string idPath = Path.Combine(folder, root.GetProperty("instance_id_mask").GetString()!);
        using var image = ReadImage(imagePath);
        using var ids = ReadImage(idPath);
        if (ids.Size() != image.Size())
            throw new AnnotationFormatException(idPath, 0, $"instance mask is {ids.Width}x{ids.Height}, the image is {image.Width}x{image.Height}");
        int w = image.Width, h = image.Height;
        var pixels = new byte[w * h * 3];
        image.GetArray(out Vec3b[] bgr);
        for (int i = 0; i < bgr.Length; i++) (pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]) = (bgr[i].Item0, bgr[i].Item1, bgr[i].Item2);
        ids.GetArray(out Vec3b[] idPixels);

        var instances = new List<IsaidInstance>();
        foreach (var inst in root.GetProperty("instances").EnumerateArray())
        {
            var rgb = inst.GetProperty("instance_id_rgb").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
            var bbox = inst.GetProperty("bbox").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            string category = inst.GetProperty("category").GetString()!;
            var rect = new PixelRect(bbox[0], bbox[1], bbox[2], bbox[3]);
            var data = new byte[rect.Area];
            for (int y = 0; y < rect.Height; y++)
                for (int x = 0; x < rect.Width; x++)
                {
                    var p = idPixels[(rect.Y + y) * w + rect.X + x];
                    // OpenCV reads BGR; the JSON gives RGB.
                    if (p.Item2 == rgb[0] && p.Item1 == rgb[1] && p.Item0 == rgb[2]) data[y * rect.Width + x] = 1;
                }
            instances.Add(new IsaidInstance(category, ClassOf(category), new BitMask(w, h, rect, data).Trim()));
        }
        return new IsaidImage(new Frame(0, w, h, pixels), instances);
    }

    /// <summary>Our class for an iSAID category name.</summary>
    public static ObjectClass ClassOf(string category) => category.ToLowerInvariant() switch
    {
        "plane" or "helicopter" => ObjectClass.Airplane,
        "ship" => ObjectClass.Ship,
        "small_vehicle" or "large_vehicle" => ObjectClass.Car,
        _ => ObjectClass.Unknown,
    };

    private static Mat ReadImage(string path)
    {
        var m = Cv2.ImRead(path, ImreadModes.Color);
        if (m.Empty()) throw new AnnotationFormatException(path, 0, "not a readable image");
        return m;
    }
}

/// <summary>One annotated instance of an iSAID image.</summary>
/// <param name="Category">iSAID category name ("Large_Vehicle", ...).</param>
/// <param name="Class">Our class.</param>
/// <param name="Mask">Its mask.</param>
public sealed record IsaidInstance(string Category, ObjectClass Class, BitMask Mask);
