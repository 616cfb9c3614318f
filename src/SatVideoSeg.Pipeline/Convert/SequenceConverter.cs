using System.Globalization;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Diagnostics;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Mots;
using SatVideoSeg.Datasets.YouTubeVis;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Segment;
using SatVideoSeg.Segmentation;
using SatVideoSeg.Video.Sources;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// Converts one benchmark sequence: segments every box of every frame, makes each frame's masks
/// disjoint (<see cref="OverlapResolver"/>), and writes the requested formats. Object ids are
/// renumbered 1..N by ascending source id (MOTS instance ids and DAVIS indices must be small and
/// stable); above 999 objects MOTS (and the 16-bit DAVIS PNG, whose pixels are MOTS obj_ids)
/// number them 1.. per class instead (<see cref="MotsIdAllocator"/>). YouTube-VIS keeps the
/// benchmark's ids. Where the ids written differ from the benchmark's, an ids.json beside the
/// MOTS file and in the DAVIS folder maps them back (<see cref="TrackIdMap"/>). Every file is
/// written to its staged name (<see cref="StagedOutputs"/>); the caller stages the done marker
/// after this returns and publishes the sequence's files together.
/// </summary>
internal sealed class SequenceConverter(ConvertOptions options, ISegmenter segmenter, int videoId)
{
    public SequenceSummary Convert(BenchmarkSequence sequence, StagedOutputs staged, Action<int, int> frameDone, CancellationToken cancellationToken)
    {
        string output = options.OutputDirectory;
        using var source = OpenFrames(sequence);
        var info = source.Info;
        int frameCount = source.Files.Count;

        // 1. Object table: output ids 1..N by ascending source id; class and fine class from the first box.
        var tracks = sequence.Boxes.GroupBy(b => b.TrackId).OrderBy(g => g.Key)
            .Select((g, i) => new TrackInfo(i + 1, g.Key, g.First().Class, g.Select(b => b.FineClass).FirstOrDefault(f => f is not null)))
            .ToArray();
        var bySource = tracks.ToDictionary(t => t.SourceId);
        bool sixteenBit = tracks.Length > DavisFormat.MaxPaletteObjects;
        var motsIds = MotsIds(sequence, tracks, needed: options.Targets.HasFlag(ConvertTargets.Mots) || (sixteenBit && options.Targets.HasFlag(ConvertTargets.Davis)));
        var boxesByFrame = sequence.Boxes.ToLookup(b => b.FrameIndex);
        var flags = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["boxesClipped"] = 0, ["boxesOutsideFrame"] = 0, ["boxesPastLastFrame"] = 0, ["emptyMasks"] = 0, ["classConflicts"] = 0,
        };
        flags["boxesPastLastFrame"] = sequence.Boxes.Count(b => b.FrameIndex >= frameCount);
        flags["noBoxRows"] = sequence.NoBoxRows;
        flags["damagedFrames"] = source.DamagedFrames.Count;
        flags["classConflicts"] = sequence.Boxes.Count(b => b.Class != bySource[b.TrackId].Class);
        var review = new List<ReviewItem>();
        var ytvis = options.Targets.HasFlag(ConvertTargets.Ytvis) ? tracks.ToDictionary(t => t.Id, _ => new CocoRle?[frameCount]) : null;
        var ytvisBoxes = ytvis is null ? null : tracks.ToDictionary(t => t.Id, _ => new Core.Geometry.BoxXywh?[frameCount]);

        using var gt = options.Targets.HasFlag(ConvertTargets.Mots) ? AtomicFile.CreateText(staged.Stage(ConvertPaths.MotsGt(output, sequence.Name))) : null;
        string? davis = options.Targets.HasFlag(ConvertTargets.Davis) ? staged.StageFolder(ConvertPaths.DavisSequence(output, sequence.Name)) : null;
        int frames = 0, objectFrames = 0;
        // 2. Prompts (the frame's boxes clipped to the frame; boxes wholly outside skipped and
        // counted), segmented and made disjoint: the same per-frame steps as `segment`.
        var prompts = new BenchmarkFramePrompts(boxesByFrame, tracks.ToDictionary(t => t.SourceId, t => (t.Id, t.Class)), flags);
        // Prompts never depend on earlier frames here: crops of consecutive frames share model calls.
        var timer = new StageTimer();
        var frameSegmenter = new FrameSegmenter(prompts, appearance: null, journal: null, () => segmenter,
            backward: new Dictionary<int, IReadOnlyList<SegmentedObject>>(), forward: true, timer, new CrossFrameBatching(prompts.Planned, journal: null, timer));
        foreach (var (frame, detections) in frameSegmenter.ProcessAll(source.ReadFrames(cancellationToken), cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segmented = detections.Objects;

            // 3. Quality: empty masks, low predicted IoU, masks filling little of their box.
            var kept = new List<SegmentedObject>();
            foreach (var o in segmented.OrderBy(o => o.TrackId))
            {
                var t = tracks[o.TrackId - 1];
                t.Add(o.PredictedIoU);
                long area = o.Mask.Area;
                double boxArea = Math.Max(1, o.Prompt.Box.ToPixelRect().Area);
                double fill = Math.Round(area / boxArea, 4);
                string? reason = area == 0 ? "empty" : o.PredictedIoU < options.ReviewBelowIoU ? "low-iou" : fill < options.ReviewBelowFill ? "low-fill" : null;
                if (area == 0) flags["emptyMasks"]++;
                if (reason is not null) review.Add(new ReviewItem(sequence.Name, frame.Index + 1, t.Id, t.SourceId, reason, Math.Round(o.PredictedIoU, 4), fill));
                if (area == 0) continue;
                kept.Add(o);
                t.Frames++;
            }

            // 4. Write this frame.
            foreach (var o in kept)
            {
                var rle = CocoRle.Encode(o.Mask);
                gt?.WriteLine(MotsFormat.FormatLine(frame.Index, motsIds![o.TrackId], o.Prompt.Class, rle, options.MotsFrameBase));
                if (ytvis is not null)
                {
                    ytvis[o.TrackId][frame.Index] = rle;
                    ytvisBoxes![o.TrackId][frame.Index] = YtvisFormat.BoxOf(o.Mask);
                }
            }
            if (options.Targets.HasFlag(ConvertTargets.Davis))
            {
                var values = kept.Select(o => (sixteenBit ? MotsFormat.ObjectId(o.Prompt.Class, motsIds![o.TrackId]) : o.TrackId, o.Mask)).ToArray();
                DavisFormat.SaveFrame(davis!, frame.Index, frame.Width, frame.Height, values, sixteenBit);
            }
            objectFrames += kept.Count;
            frames++;
            frameDone(frames, frameCount);
        }
        cancellationToken.ThrowIfCancellationRequested();

        // Skipped damaged frames keep their numbers: the sequence stays frameCount long, with no
        // masks there (and, as DAVIS has a file per frame, an empty PNG).
        foreach (var d in source.DamagedFrames.Where(d => d.Policy == DamagedFramePolicy.Skip))
        {
            if (options.Targets.HasFlag(ConvertTargets.Davis))
                DavisFormat.SaveFrame(davis!, d.FrameIndex, info.Width, info.Height, [], sixteenBit);
            frames++;
        }

        // 5. Per-sequence files: MOTS gt + seqinfo, the sequence's YouTube-VIS file.
        if (gt is not null)
        {
            gt.Commit();
            new MotsSeqInfo(sequence.Name, info.Width, info.Height, frames, options.MotsFrameBase, info.Fps, "img1",
                Path.GetExtension(source.Files[0]).ToLowerInvariant()).Save(staged.Stage(ConvertPaths.MotsSeqInfo(output, sequence.Name)));
        }
        if (ytvis is not null)
            YtvisFormat.Save(staged.Stage(ConvertPaths.YtvisVideo(output, sequence.Name)), YtvisVideo(sequence, source, tracks, ytvis, ytvisBoxes!, frames), options.CompressedRle);
        var idMaps = SaveIdMaps(sequence, tracks, motsIds, sixteenBit, staged, davis);

        flags["review"] = review.Count;
        return new SequenceSummary
        {
            Name = sequence.Name,
            Settings = ConvertJob.Settings(options),
            Width = info.Width,
            Height = info.Height,
            Frames = frames,
            ObjectFrames = objectFrames,
            SixteenBitPng = sixteenBit && options.Targets.HasFlag(ConvertTargets.Davis),
            IdMaps = idMaps.Count == 0 ? null : idMaps,
            Objects = tracks.Select(t => t.ToSummary()).ToArray(),
            Flags = flags,
            DamagedFrames = source.DamagedFrames.Select(DamagedFrameEntry.From).ToArray(),
            Review = review,
        };
    }

    // MOTS instance id per output id: the output id itself up to 999 objects (1..N fit), else 1.. per
    // class in ascending source id order; a class of more than 999 objects cannot be written.
    private static Dictionary<int, int>? MotsIds(BenchmarkSequence sequence, TrackInfo[] tracks, bool needed)
    {
        if (!needed) return null;
        try
        {
            var allocator = new MotsIdAllocator(tracks.Select(t => (t.Id, t.Class)));
            return tracks.ToDictionary(t => t.Id, t => allocator.InstanceId(t.Id, t.Class));
        }
        catch (FormatException e)
        {
            throw new JobException($"{sequence.AnnotationFile}: {e.Message}; convert to ytvis, which keeps any id (or davis alone)", e);
        }
    }

    // ids.json beside the MOTS file and in the DAVIS folder, where the ids written there are not
    // the benchmark's; returns the maps' paths relative to the output folder.
    // Each map goes to its staged place: the MOTS one staged beside gt.txt, the DAVIS one into the
    // staged DAVIS folder (published as one unit).
    private List<string> SaveIdMaps(BenchmarkSequence sequence, TrackInfo[] tracks, Dictionary<int, int>? motsIds, bool sixteenBit, StagedOutputs staged, string? davis)
    {
        var saved = new List<string>();
        // path: the map's published place; writeTo: where to write it now (asked only when it is written).
        void Save(string path, Func<string> writeTo, string output, string format, string writtenAs, string reason, Func<TrackInfo, int> written, Func<TrackInfo, bool> kept)
        {
            if (tracks.All(kept)) return;
            new TrackIdMap(output, format, writtenAs, reason, tracks.Select(t => new KeyValuePair<int, int>(t.SourceId, written(t)))).Save(writeTo());
            saved.Add(Path.GetRelativePath(options.OutputDirectory, path).Replace('\\', '/'));
        }
        const string dense = "ids renumbered 1..N by ascending benchmark id for this sequence";
        string motsMap = ConvertPaths.MotsIdMap(options.OutputDirectory, sequence.Name);
        if (options.Targets.HasFlag(ConvertTargets.Mots))
            Save(motsMap, () => staged.Stage(motsMap), "gt.txt", "mots", "obj_id = class_id*1000 + instance id",
                tracks.Length > MotsFormat.MaxTrackId ? $"MOTS holds instance ids 1..{MotsFormat.MaxTrackId} per class: {tracks.Length} objects renumbered 1.. per class" : $"MOTS instance ids are small: {dense}",
                t => MotsFormat.ObjectId(t.Class, motsIds![t.Id]), t => motsIds![t.Id] == t.SourceId);
        if (options.Targets.HasFlag(ConvertTargets.Davis))
            Save(ConvertPaths.DavisIdMap(options.OutputDirectory, sequence.Name), () => Path.Combine(davis!, TrackIdMap.FileName), ".", "davis", sixteenBit ? "16-bit pixel value = MOTS obj_id" : "palette index",
                sixteenBit ? $"{tracks.Length} objects: more than an 8-bit palette PNG holds ({DavisFormat.MaxPaletteObjects}), written as 16-bit MOTS PNGs" : $"DAVIS palette indices are 1..{DavisFormat.MaxPaletteObjects}: {dense}",
                t => sixteenBit ? MotsFormat.ObjectId(t.Class, motsIds![t.Id]) : t.Id, t => !sixteenBit && t.Id == t.SourceId);
        return saved;
    }

    private YtvisDataset YtvisVideo(BenchmarkSequence sequence, ImageSequenceSource source, TrackInfo[] tracks, Dictionary<int, CocoRle?[]> masks, Dictionary<int, Core.Geometry.BoxXywh?[]> boxes, int frames)
    {
        string root = Path.GetFullPath(options.Root);
        var fileNames = source.Files.Take(frames).Select(f => Path.GetRelativePath(root, Path.GetFullPath(f)).Replace('\\', '/')).ToArray();
        var video = new YtvisVideo(videoId, source.Info.Width, source.Info.Height, frames, fileNames);
        var annotations = tracks.Where(t => t.Frames > 0).Select(t =>
        {
            var seg = masks[t.Id].Take(frames).ToArray();
            var attributes = new Dictionary<string, string> { ["sequence"] = sequence.Name, ["source_id"] = t.SourceId.ToString(CultureInfo.InvariantCulture) };
            if (t.FineClass is not null) attributes["fine_class"] = t.FineClass;
            // YouTube-VIS ids are plain integers: the benchmark's own (the merged file renumbers them over the dataset).
            return new YtvisAnnotation(t.SourceId, videoId, (int)t.Class, seg, seg.Select(s => s?.Area).ToArray(),
                boxes[t.Id].Take(frames).ToArray()) { Attributes = attributes };
        }).ToArray();
        return new YtvisDataset([video], annotations, ConvertJob.Categories);
    }

    private ImageSequenceSource OpenFrames(BenchmarkSequence sequence)
    {
        try
        {
            return new ImageSequenceSource(sequence.FramesFolder, damaged: options.DamagedFrames);
        }
        catch (Video.VideoFormatException e)
        {
            throw new JobException($"sequence {sequence.Name}: {e.Message}", e);
        }
    }

    private sealed class TrackInfo(int id, int sourceId, ObjectClass cls, string? fineClass)
    {
        private double _iouSum;
        private int _prompts;

        public int Id => id;
        public int SourceId => sourceId;
        public ObjectClass Class => cls;
        public string? FineClass => fineClass;
        public int Frames { get; set; }

        public void Add(double iou)
        {
            _iouSum += iou;
            _prompts++;
        }

        public ObjectSummary ToSummary() =>
            new(id, sourceId, ObjectClasses.Name(cls), fineClass, Frames, _prompts == 0 ? 0 : Math.Round(_iouSum / _prompts, 4));
    }
}
