using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Isaid;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Bench;

/// <summary>Loads the samples the benchmarks run on.</summary>
public static class BenchSamples
{
    /// <summary>An iSAID folder (instances.json + PNGs) as a one-frame sample.</summary>
    public static BenchSample Isaid(string folder)
    {
        var image = IsaidImage.Load(folder);
        var objects = image.Instances
            .Select((inst, i) => new BenchObject(i + 1, inst.Class, inst.Category.ToLowerInvariant(), inst.Mask))
            .Where(o => !o.Mask.IsEmpty)
            .ToArray();
        return new BenchSample(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), [new BenchFrame(image.Frame, objects)]);
    }

    /// <summary>A video (or frame folder) with ground-truth masks in a MOTS file (1-based frames).</summary>
    public static BenchSample Video(string name, string video, string motsFile, int everyNthFrame = 1)
    {
        var byFrame = MotsFormat.ReadFile(motsFile).GroupBy(r => r.FrameIndex).ToDictionary(g => g.Key, g => g.ToArray());
        return new BenchSample(name, Stream(video, byFrame, everyNthFrame));
    }

    private static IEnumerable<BenchFrame> Stream(string video, Dictionary<int, MotsRecord[]> byFrame, int everyNth)
    {
        using var source = FrameSources.Open(video);
        foreach (var frame in source.ReadFrames())
        {
            if (frame.Index % everyNth != 0 || !byFrame.TryGetValue(frame.Index, out var records)) continue;
            var objects = records
                .Select(r => new BenchObject(r.TrackId, r.Class, ObjectClasses.Name(r.Class), r.Rle.Decode()))
                .Where(o => !o.Mask.IsEmpty)
                .ToArray();
            yield return new BenchFrame(frame, objects);
        }
    }
}
