using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics;
using SatVideoSeg.Core.Metrics.Davis;
using SatVideoSeg.Core.Metrics.Tracking;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Core.Metrics;

/// <summary>
/// The streaming J&amp;F (per-object and per-pair differences) must equal the direct computation that
/// keeps every frame's masks and scores each pair in each frame, as davis2017-evaluation does.
/// </summary>
public class JandFStreamingTests
{
    private const int W = 12, H = 12;

    [Fact]
    public void Streaming_Equals_Keeping_Every_Mask_On_Random_Sequences()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int frames = rng.Next(1, 9);
            bool skip = rng.Next(2) == 0;
            var matching = rng.Next(2) == 0 ? JandFMatching.ById : JandFMatching.HungarianJandF;
            var gt = new List<TrackedMask>[frames];
            var pred = new List<TrackedMask>[frames];
            for (int t = 0; t < frames; t++)
            {
                gt[t] = RandomObjects(rng, 3);
                pred[t] = RandomObjects(rng, 3);
            }
            var acc = new JandFAccumulator(frames, W, H, new JandFOptions { SkipFirstAndLastFrame = skip, Matching = matching, BoundaryThreshold = 1 });
            for (int t = 0; t < frames; t++) acc.Add(t, gt[t], pred[t]);

            var streamed = acc.Compute();

            var direct = Direct(gt, pred, skip, matching);
            if (direct is null)
            {
                Assert.True(double.IsNaN(streamed.JMean), $"trial {trial}");
                continue;
            }
            if (matching == JandFMatching.ById)
            {
                foreach (var (g, expected) in direct)
                {
                    var got = streamed.Objects[g];
                    Assert.True(Close(expected, got), $"trial {trial} object {g}: expected {expected}, got {got}");
                }
            }
            else
            {
                // Ties may pair differently; the optimum reached must be the same.
                double expectedObjective = direct.Values.Sum(o => (o.JMean + o.FMean) / 2);
                double gotObjective = streamed.Objects.Values.Sum(o => (o.JMean + o.FMean) / 2);
                Assert.True(Math.Abs(expectedObjective - gotObjective) < 1e-9, $"trial {trial}: objective {gotObjective}, expected {expectedObjective}");
            }
        }
    }

    private static List<TrackedMask> RandomObjects(Random rng, int maxId)
    {
        var list = new List<TrackedMask>();
        for (int id = 1; id <= maxId; id++)
        {
            int roll = rng.Next(5);
            if (roll == 0) continue;                                  // absent
            if (roll == 1) { list.Add(new(id, BitMask.Empty(W, H))); continue; } // listed but empty
            int w = rng.Next(1, 4), h = rng.Next(1, 4);
            int x = rng.Next(0, W - w + 1), y = rng.Next(0, H - h + 1);
            var rows = Enumerable.Range(0, h).Select(_ => new string(Enumerable.Range(0, w).Select(_ => rng.Next(4) == 0 ? '.' : '#').ToArray())).ToArray();
            list.Add(new(id, TestFrames.FromArt(W, H, x, y, rows)));
        }
        return list;
    }

    // Per annotated id: the scores of davis2017-evaluation computed from all masks (null when nothing is evaluated).
    private static Dictionary<int, JandFObjectScore>? Direct(List<TrackedMask>[] gt, List<TrackedMask>[] pred, bool skip, JandFMatching matching)
    {
        int first = skip ? 1 : 0, last = skip ? gt.Length - 2 : gt.Length - 1;
        int n = last - first + 1;
        var gtIds = gt.SelectMany(f => f).Select(o => o.TrackId).Distinct().Order().ToArray();
        var predIds = pred.SelectMany(f => f).Select(o => o.TrackId).Distinct().Order().ToArray();
        if (n <= 0 || gtIds.Length == 0) return null;
        BitMask Get(List<TrackedMask> frame, int? id) => frame.FirstOrDefault(o => o.TrackId == id).Mask ?? BitMask.Empty(W, H);
        (double[] J, double[] F) Series(int g, int? p)
        {
            var j = new double[n];
            var f = new double[n];
            for (int k = 0; k < n; k++)
            {
                var a = Get(gt[first + k], g);
                var b = Get(pred[first + k], p);
                j[k] = MaskIoU.Compute(a, b);
                f[k] = DavisBoundary.FMeasure(b, a, 1);
            }
            return (j, f);
        }
        var pairing = new Dictionary<int, int?>();
        if (matching == JandFMatching.ById)
        {
            foreach (int g in gtIds) pairing[g] = predIds.Contains(g) ? g : null;
        }
        else
        {
            // Brute force over injective maps from gt ids to pred ids or "empty" (padding).
            var candidates = predIds.Select(p => (int?)p).ToList();
            while (candidates.Count < gtIds.Length) candidates.Add(null);
            double best = double.NegativeInfinity;
            Dictionary<int, int?>? bestMap = null;
            void Go(int i, bool[] used, Dictionary<int, int?> map, double sum)
            {
                if (i == gtIds.Length)
                {
                    if (sum > best + 1e-12) { best = sum; bestMap = new(map); }
                    return;
                }
                for (int c = 0; c < candidates.Count; c++)
                {
                    if (used[c]) continue;
                    used[c] = true;
                    map[gtIds[i]] = candidates[c];
                    var (j, f) = Series(gtIds[i], candidates[c]);
                    Go(i + 1, used, map, sum + (j.Average() + f.Average()) / 2);
                    used[c] = false;
                }
            }
            Go(0, new bool[candidates.Count], [], 0);
            pairing = bestMap!;
        }
        int Id(int i) => (int)Math.Round(1 + i * ((n - 1) / 4.0) + 1e-10, MidpointRounding.ToEven) - 1;
        int[] ids = [Id(0), Id(1), Id(2), Id(3), n - 1];
        double Decay(double[] v) => v[ids[0]..(ids[1] + 1)].Average() - v[ids[3]..(ids[4] + 1)].Average();
        var result = new Dictionary<int, JandFObjectScore>();
        foreach (int g in gtIds)
        {
            var (j, f) = Series(g, pairing[g]);
            result[g] = new JandFObjectScore(pairing[g], j.Average(), j.Average(v => v > 0.5 ? 1.0 : 0), Decay(j), f.Average(), f.Average(v => v > 0.5 ? 1.0 : 0), Decay(f));
        }
        return result;
    }

    private static bool Close(JandFObjectScore a, JandFObjectScore b) =>
        a.MatchedTrackId == b.MatchedTrackId
        && Math.Abs(a.JMean - b.JMean) < 1e-9 && Math.Abs(a.JRecall - b.JRecall) < 1e-9 && Math.Abs(a.JDecay - b.JDecay) < 1e-9
        && Math.Abs(a.FMean - b.FMean) < 1e-9 && Math.Abs(a.FRecall - b.FRecall) < 1e-9 && Math.Abs(a.FDecay - b.FDecay) < 1e-9;
}
