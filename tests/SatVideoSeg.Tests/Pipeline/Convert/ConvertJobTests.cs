using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Datasets.Benchmarks;
using SatVideoSeg.Datasets.Davis;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Pipeline.Convert;
using SatVideoSeg.Synth;
using SatVideoSeg.Tests.Support;
using SatVideoSeg.Video.Sinks;

namespace SatVideoSeg.Tests.Pipeline.Convert;

public class ConvertJobTests(ConvertFixture fixture) : IClassFixture<ConvertFixture>
{
    private static ConvertOptions Box(string root, string output) => new(root, output) { Segmenter = "box" };

    private sealed class SyncProgress(Action<ConvertProgress> report) : IProgress<ConvertProgress>
    {
        public void Report(ConvertProgress value) => report(value);
    }

    // Layout-independent view of a conversion: frame, class and mask of every object-frame (sequence names and ids differ by layout).
    private static string[] Canonical(string output) =>
        ConvertedOutputs.Mots(output).Select(kv => $"{kv.Key.Frame}|{kv.Value.Class}|{kv.Value.Rle}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_Synthetic_Sample_In_Every_Layout_Converts_To_The_Same_Masks()
    {
        using var dir = new TempDir();
        // The expected masks: each visible object's tight box, filled (the box segmenter), with its class.
        var frames = new SynthVideoGenerator().Generate(ConvertFixture.Options).ToArray();
        var expected = frames.SelectMany(f => f.Objects.Select(o =>
            $"{f.Frame.Index}|{(int)o.Class}|{CocoRle.Encode(BitMask.FromBox(o.Box, f.Frame.Width, f.Frame.Height)).ToCompressedString()}"))
            .Order(StringComparer.Ordinal).ToArray();
        // Precondition of the comparison: no two boxes of a frame overlap (else masks would depend on the grouping into sequences).
        foreach (var f in frames)
            foreach (var a in f.Objects)
                Assert.DoesNotContain(f.Objects, b => b.TrackId > a.TrackId && !a.Box.ToPixelRect().Intersect(b.Box.ToPixelRect()).IsEmpty);

        foreach (var layout in ConvertFixture.Layouts)
        {
            string output = Path.Combine(dir.Path, BenchmarkReader.Name(layout));
            var report = ConvertJob.Run(Box(fixture.Input(layout), output));

            Assert.Equal(BenchmarkReader.Name(layout), report.Layout);
            Assert.True(report.Complete);
            Assert.Equal(5, report.Objects);
            Assert.Equal(expected, Canonical(output));
        }
    }

    [Theory]
    [InlineData(BenchmarkLayout.SatMtb)]
    [InlineData(BenchmarkLayout.Sot)]
    [InlineData(BenchmarkLayout.Mot)]
    public void Every_Output_Format_Reads_Back_To_The_Same_Masks(BenchmarkLayout layout)
    {
        using var dir = new TempDir();
        ConvertJob.Run(Box(fixture.Input(layout), dir.Path));

        var mots = ConvertedOutputs.Mots(dir.Path);
        var ytvis = ConvertedOutputs.Ytvis(dir.Path);
        var davis = ConvertedOutputs.Davis(dir.Path);

        Assert.NotEmpty(mots);
        Assert.Equal(mots.ToDictionary(kv => kv.Key, kv => kv.Value.Rle).OrderBy(kv => kv.Key), ytvis.OrderBy(kv => kv.Key));
        Assert.Equal(ytvis.OrderBy(kv => kv.Key), davis.OrderBy(kv => kv.Key));
        // The merged YouTube-VIS file holds every sequence's annotations.
        var merged = SatVideoSeg.Datasets.YouTubeVis.YtvisFormat.Load(ConvertPaths.YtvisMerged(dir.Path));
        Assert.Equal(ytvis.Count, merged.Annotations.Sum(a => a.Segmentations.Count(s => s is not null)));
        Assert.Equal(Enumerable.Range(1, merged.Annotations.Count), merged.Annotations.Select(a => a.Id));
    }

    [Theory]
    // Cancelled right after the first sequence finished, and in the middle of the second one (half-done: some DAVIS frames written).
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    public void An_Interrupted_Conversion_Resumed_Gives_The_Same_Bytes_As_An_Uninterrupted_One(int cancelInSequence, int cancelAfterFrames)
    {
        using var dir = new TempDir();
        string root = fixture.Input(BenchmarkLayout.Viso);
        string reference = Path.Combine(dir.Path, "reference"), resumed = Path.Combine(dir.Path, "resumed");
        ConvertJob.Run(Box(root, reference));

        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            bool firstDone = cancelAfterFrames == 0 && p.SequenceNumber == cancelInSequence && p.State == SequenceState.Finished;
            bool midway = cancelAfterFrames > 0 && p.SequenceNumber == cancelInSequence && p.FramesDone == cancelAfterFrames && p.State == SequenceState.Running;
            if (firstDone || midway) cts.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => ConvertJob.Run(Box(root, resumed), progress, cts.Token));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(resumed, "status")));
        Assert.Empty(Directory.EnumerateFiles(resumed, "*.partial", SearchOption.AllDirectories));
        Assert.False(File.Exists(ConvertPaths.Report(resumed)));

        var states = new List<SequenceState>();
        var report = ConvertJob.Run(Box(root, resumed), new SyncProgress(p => { if (p.State != SequenceState.Running) states.Add(p.State); }));

        Assert.True(report.Complete);
        Assert.Equal([SequenceState.Skipped, SequenceState.Finished, SequenceState.Finished, SequenceState.Finished], states);
        ConvertedOutputs.AssertSameFiles(reference, resumed);
    }

    [Fact]
    public void Shards_Split_The_Sequences_And_Together_Give_The_Same_Bytes_As_One_Run()
    {
        using var dir = new TempDir();
        string root = fixture.Input(BenchmarkLayout.Sot);
        string whole = Path.Combine(dir.Path, "whole"), sharded = Path.Combine(dir.Path, "sharded");
        ConvertJob.Run(Box(root, whole));

        var first = ConvertJob.Run(Box(root, sharded) with { Shard = new ShardSpec(0, 2) });
        Assert.False(first.Complete);
        // Sorted names: airplane_001, car_004, car_005, ship_002, train_003; shard 0 takes positions 0, 2, 4.
        Assert.Equal(["car_004", "ship_002"], first.Pending);
        Assert.False(File.Exists(ConvertPaths.YtvisMerged(sharded)));
        var second = ConvertJob.Run(Box(root, sharded) with { Shard = new ShardSpec(1, 2) });

        Assert.True(second.Complete);
        ConvertedOutputs.AssertSameFiles(whole, sharded);
    }

    [ChromiumFact]
    public void A_Convert_Output_Has_A_Report_Page_That_Chromium_Renders_Without_Console_Errors()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        ConvertJob.Run(Box(fixture.Input(BenchmarkLayout.Sot), output));

        string page = Path.Combine(output, "report.html");
        string html = File.ReadAllText(page);
        Assert.Contains("sequences done", html);
        Assert.DoesNotContain("http://", html);
        var (code, console, stderr) = HeadlessChromium.Screenshot(page, Path.Combine(dir.Path, "shot.png"));
        Assert.True(code == 0, stderr);
        Assert.Empty(console);
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/8", 3, 8)]
    public void A_Shard_Parses_As_Zero_Based_Index_Over_Count(string text, int index, int count) =>
        Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("2/2")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void A_Bad_Shard_Is_An_Error_Showing_The_Expected_Form(string text) =>
        Assert.Contains("expected i/N", Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text)).Message);

    [Fact]
    public void Resuming_With_Other_Settings_Is_Refused()
    {
        using var dir = new TempDir();
        string root = fixture.Input(BenchmarkLayout.Mot);
        ConvertJob.Run(Box(root, dir.Path));

        var e = Assert.Throws<JobException>(() => ConvertJob.Run(Box(root, dir.Path) with { MotsFrameBase = 0 }));

        Assert.Contains("other settings", e.Message);
    }

    [Fact]
    public void Overlapping_Boxes_Give_Disjoint_Masks_And_A_Swallowed_Object_Is_Listed_For_Review()
    {
        using var dir = new TempDir();
        string root = Path.Combine(dir.Path, "in");
        ImageFileWriter.Write(Path.Combine(root, "s", "img1", "000001.png"), new Frame(0, 20, 20, new byte[20 * 20 * 3]));
        // Object 3 has the same box as object 1: the tie goes to the lower id, so 3 ends up empty.
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "s", "gt")).FullName, "gt.txt"),
            "1,1,0,0,10,10,1,4\n1,2,5,5,10,10,1,4\n1,3,0,0,10,10,1,4\n");

        var report = ConvertJob.Run(Box(root, Path.Combine(dir.Path, "out")));

        var masks = ConvertedOutputs.Mots(Path.Combine(dir.Path, "out")).Values.Select(v => CocoRle.FromCompressedString(v.Rle, 20, 20).Decode()).ToArray();
        Assert.Equal(2, masks.Length);
        Assert.Equal(0, masks[0].IntersectionArea(masks[1]));
        Assert.Equal(100 + 75, masks.Sum(m => m.Area));
        var item = Assert.Single(report.Review);
        Assert.Equal(("s", 1, 3, "empty"), (item.Sequence, item.Frame, item.Id, item.Reason));
        Assert.Equal(1, report.Flags["emptyMasks"]);
    }

    [Fact]
    public void More_Than_254_Objects_Switch_Davis_To_Sixteen_Bit_Mots_Pngs()
    {
        using var dir = new TempDir();
        string root = Path.Combine(dir.Path, "in");
        ImageFileWriter.Write(Path.Combine(root, "many", "img1", "000001.png"), new Frame(0, 40, 8, new byte[40 * 8 * 3]));
        // 255 one-pixel cars with source ids 1000.. (renumbered 1..255 in the outputs).
        var lines = Enumerable.Range(0, 255).Select(i => $"1,{1000 + i},{i % 40},{i / 40},1,1,1,4");
        File.WriteAllLines(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "many", "gt")).FullName, "gt.txt"), lines);
        string output = Path.Combine(dir.Path, "out");

        ConvertJob.Run(Box(root, output) with { Targets = ConvertTargets.Davis | ConvertTargets.Mots });

        string png = Path.Combine(ConvertPaths.DavisSequence(output, "many"), "00000.png");
        Assert.Equal(16, File.ReadAllBytes(png)[24]);
        var objects = DavisFormat.LoadFrame(png);
        Assert.Equal(Enumerable.Range(1, 255).Select(id => 4000 + id), objects.Select(o => o.Value));
        Assert.Equal(ConvertedOutputs.Mots(output).OrderBy(kv => kv.Key).Select(kv => kv.Value.Rle), ConvertedOutputs.Davis(output).OrderBy(kv => kv.Key).Select(kv => kv.Value));
    }

    [SamModelFact]
    public void The_Default_Sam_Segmenter_Converts_A_Sequence_With_Disjoint_Masks_In_Every_Format()
    {
        using var dir = new TempDir();
        var report = ConvertJob.Run(new ConvertOptions(fixture.Input(BenchmarkLayout.Mot), dir.Path) { Model = SamModelFactAttribute.Folder, Threads = 1 });

        Assert.True(report.Complete);
        Assert.Equal("sam", report.Segmenter);
        var mots = ConvertedOutputs.Mots(dir.Path);
        Assert.Equal(mots.ToDictionary(kv => kv.Key, kv => kv.Value.Rle).OrderBy(kv => kv.Key), ConvertedOutputs.Davis(dir.Path).OrderBy(kv => kv.Key));
        foreach (var frame in mots.GroupBy(kv => kv.Key.Frame))
        {
            var m = frame.Select(kv => CocoRle.FromCompressedString(kv.Value.Rle, 120, 160).Decode()).ToArray();
            for (int i = 0; i < m.Length; i++)
                for (int j = i + 1; j < m.Length; j++) Assert.Equal(0, m[i].IntersectionArea(m[j]));
        }
        // Every annotated object-frame is either written or listed as empty for review.
        Assert.Equal(18, report.ObjectFrames + report.Flags["emptyMasks"]);
    }
}
