using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Datasets.Isaid;

namespace SatVideoSeg.Tests.Support;

/// <summary>The real iSAID image P0003 (1147x1023) and its 59 instances' tight boxes as prompts (../shared/data/real).</summary>
public static class RealP0003
{
    /// <summary>The image file.</summary>
    public static string Image => Path.Combine(RealData.Path("isaid-P0003"), "P0003.png");

    /// <summary>The frame and one prompt per instance, in instances.json order.</summary>
    public static (Frame Frame, ObjectPrompt[] Prompts) Load()
    {
        var image = IsaidImage.Load(RealData.Path("isaid-P0003"));
        var prompts = image.Instances.Select((inst, i) => new ObjectPrompt(i + 1, inst.Class, inst.Mask.TightRect().ToBox())).ToArray();
        return (image.Frame, prompts);
    }
}
