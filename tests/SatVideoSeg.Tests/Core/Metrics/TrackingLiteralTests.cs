using SatVideoSeg.Core.Assignment;
using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Tests.Core.Metrics;

/// <summary>
/// The streaming, sparse accumulators must equal a literal dense transcription of TrackEval's
/// eval_sequence (whole-sequence id arrays, dense matrices, the same loops) on random sequences
/// with appearing/disappearing ids, empty frames and frames with one side empty.
/// </summary>
public class TrackingLiteralTests
{
    private const double Eps = MetricConstants.NumpyEps;

    [Fact]
    public void Accumulators_Equal_The_Dense_Transcription_On_Random_Sequences()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 300; trial++)
        {
            int frames = rng.Next(0, 7), nGt = rng.Next(1, 5), nTr = rng.Next(1, 5);
            var data = new List<(int[] Gt, int[] Tr, double[,] Sim)>();
            for (int t = 0; t < frames; t++)
            {
                var gt = Enumerable.Range(0, nGt).Where(_ => rng.Next(3) > 0).ToArray();
                var tr = Enumerable.Range(0, nTr).Where(_ => rng.Next(3) > 0).ToArray();
                var sim = new double[gt.Length, tr.Length];
                for (int i = 0; i < gt.Length; i++)
                    for (int j = 0; j < tr.Length; j++)
                        sim[i, j] = rng.Next(3) == 0 ? 0 : Math.Round(rng.NextDouble(), 3);
                data.Add((gt, tr, sim));
            }
            var hota = new HotaAccumulator();
            var clear = new ClearAccumulator();
            var identity = new IdentityAccumulator();
            // Ids given to the accumulators are arbitrary labels; the transcription uses 0-based indices.
            foreach (var (gt, tr, sim) in data)
            {
                var f = FrameSimilarity.FromMatrix(gt.Select(g => 100 + g).ToArray(), tr.Select(x => 7 * x + 3).ToArray(), sim);
                hota.Add(f);
                clear.Add(f);
                identity.Add(f);
            }

            var h = hota.Compute();
            var (tp, fn, fp, assA, locA) = LiteralHota(data, nGt, nTr);
            for (int a = 0; a < 19; a++)
            {
                Assert.True(tp[a] == h.HotaTp[a] && fn[a] == h.HotaFn[a] && fp[a] == h.HotaFp[a], $"trial {trial} alpha {a}: counts");
                Assert.True(Math.Abs(assA[a] - h.AssAPerAlpha[a]) < 1e-9, $"trial {trial} alpha {a}: AssA {h.AssAPerAlpha[a]} vs {assA[a]}");
                Assert.True(Math.Abs(locA[a] - h.LocA[a]) < 1e-9, $"trial {trial} alpha {a}: LocA");
            }

            var c = clear.Compute();
            var expectedClear = LiteralClear(data, nGt);
            Assert.True(expectedClear == (c.ClrTp, c.ClrFn, c.ClrFp, c.Idsw, c.Counts.MT, c.Counts.PT, c.Counts.ML, c.Counts.Frag), $"trial {trial}: CLEAR {expectedClear} vs {(c.ClrTp, c.ClrFn, c.ClrFp, c.Idsw, c.Counts.MT, c.Counts.PT, c.Counts.ML, c.Counts.Frag)}");

            var id = identity.Compute();
            Assert.Equal(LiteralIdentity(data, nGt, nTr), (id.IdTp, id.IdFn, id.IdFp));
        }
    }

    // hota.py eval_sequence; ids are 0..nGt-1 / 0..nTr-1, some never present (TrackEval relabels
    // them away, which changes nothing since absent ids have zero counts).
    private static (double[] Tp, double[] Fn, double[] Fp, double[] AssA, double[] LocA) LiteralHota(List<(int[] Gt, int[] Tr, double[,] Sim)> data, int nGt, int nTr)
    {
        var alphas = MetricConstants.HotaAlphas;
        double[] tp = new double[19], fn = new double[19], fp = new double[19], assA = new double[19], locA = new double[19];
        int gtDets = data.Sum(d => d.Gt.Length), trDets = data.Sum(d => d.Tr.Length);
        if (trDets == 0) { Array.Fill(fn, gtDets); Array.Fill(locA, 1); return (tp, fn, fp, assA, locA); }
        if (gtDets == 0) { Array.Fill(fp, trDets); Array.Fill(locA, 1); return (tp, fn, fp, assA, locA); }
        var potential = new double[nGt, nTr];
        var gtCount = new double[nGt];
        var trCount = new double[nTr];
        foreach (var (gt, tr, sim) in data)
        {
            for (int i = 0; i < gt.Length; i++)
                for (int j = 0; j < tr.Length; j++)
                {
                    double colSum = 0, rowSum = 0;
                    for (int k = 0; k < gt.Length; k++) colSum += sim[k, j];
                    for (int k = 0; k < tr.Length; k++) rowSum += sim[i, k];
                    double denom = colSum + rowSum - sim[i, j];
                    if (denom > 0 + Eps) potential[gt[i], tr[j]] += sim[i, j] / denom;
                }
            foreach (int g in gt) gtCount[g]++;
            foreach (int t in tr) trCount[t]++;
        }
        var global = new double[nGt, nTr];
        for (int g = 0; g < nGt; g++)
            for (int t = 0; t < nTr; t++)
            {
                double d = gtCount[g] + trCount[t] - potential[g, t];
                global[g, t] = d == 0 ? 0 : potential[g, t] / d; // 0/0 only for ids never present
            }
        var matches = new double[19][,];
        for (int a = 0; a < 19; a++) matches[a] = new double[nGt, nTr];
        foreach (var (gt, tr, sim) in data)
        {
            if (gt.Length == 0) { for (int a = 0; a < 19; a++) fp[a] += tr.Length; continue; }
            if (tr.Length == 0) { for (int a = 0; a < 19; a++) fn[a] += gt.Length; continue; }
            var cost = new double[gt.Length, tr.Length];
            for (int i = 0; i < gt.Length; i++)
                for (int j = 0; j < tr.Length; j++) cost[i, j] = -(global[gt[i], tr[j]] * sim[i, j]);
            var m = LinearAssignment.Solve(cost);
            for (int a = 0; a < 19; a++)
            {
                var ok = m.Where(p => sim[p.Row, p.Col] >= alphas[a] - Eps).ToArray();
                tp[a] += ok.Length;
                fn[a] += gt.Length - ok.Length;
                fp[a] += tr.Length - ok.Length;
                foreach (var (r, c) in ok)
                {
                    locA[a] += sim[r, c];
                    matches[a][gt[r], tr[c]] += 1;
                }
            }
        }
        for (int a = 0; a < 19; a++)
        {
            double s = 0;
            for (int g = 0; g < nGt; g++)
                for (int t = 0; t < nTr; t++)
                {
                    double mc = matches[a][g, t];
                    s += mc * (mc / Math.Max(1, gtCount[g] + trCount[t] - mc));
                }
            assA[a] = s / Math.Max(1, tp[a]);
            locA[a] = Math.Max(1e-10, locA[a]) / Math.Max(1e-10, tp[a]);
        }
        return (tp, fn, fp, assA, locA);
    }

    // clear.py eval_sequence with NaN as -1.
    private static (long, long, long, long, long, long, long, long) LiteralClear(List<(int[] Gt, int[] Tr, double[,] Sim)> data, int nGt)
    {
        int gtDets = data.Sum(d => d.Gt.Length), trDets = data.Sum(d => d.Tr.Length);
        int gtIds = data.SelectMany(d => d.Gt).Distinct().Count();
        if (trDets == 0) return (0, gtDets, 0, 0, 0, 0, gtIds, 0);
        if (gtDets == 0) return (0, 0, trDets, 0, 0, 0, 0, 0);
        long tp = 0, fn = 0, fp = 0, idsw = 0;
        var gtIdCount = new int[nGt];
        var gtMatched = new int[nGt];
        var frag = new int[nGt];
        var prevTracker = Enumerable.Repeat(-1, nGt).ToArray();
        var prevTimestep = Enumerable.Repeat(-1, nGt).ToArray();
        foreach (var (gt, tr, sim) in data)
        {
            if (gt.Length == 0) { fp += tr.Length; continue; }
            if (tr.Length == 0) { fn += gt.Length; foreach (int g in gt) gtIdCount[g]++; continue; }
            var score = new double[gt.Length, tr.Length];
            var cost = new double[gt.Length, tr.Length];
            for (int i = 0; i < gt.Length; i++)
                for (int j = 0; j < tr.Length; j++)
                {
                    score[i, j] = (tr[j] == prevTimestep[gt[i]] ? 1000 : 0) + sim[i, j];
                    if (sim[i, j] < 0.5 - Eps) score[i, j] = 0;
                    cost[i, j] = -score[i, j];
                }
            var m = LinearAssignment.Solve(cost).Where(p => score[p.Row, p.Col] > 0 + Eps).ToArray();
            foreach (var (r, c) in m)
                if (prevTracker[gt[r]] >= 0 && prevTracker[gt[r]] != tr[c]) idsw++;
            foreach (int g in gt) gtIdCount[g]++;
            foreach (var (r, _) in m) gtMatched[gt[r]]++;
            var notPrev = prevTimestep.Select(p => p < 0).ToArray();
            foreach (var (r, c) in m) prevTracker[gt[r]] = tr[c];
            Array.Fill(prevTimestep, -1);
            foreach (var (r, c) in m) prevTimestep[gt[r]] = tr[c];
            for (int g = 0; g < nGt; g++) if (notPrev[g] && prevTimestep[g] >= 0) frag[g]++;
            tp += m.Length;
            fn += gt.Length - m.Length;
            fp += tr.Length - m.Length;
        }
        long mt = 0, ptOrMore = 0;
        for (int g = 0; g < nGt; g++)
        {
            if (gtIdCount[g] == 0) continue;
            double ratio = (double)gtMatched[g] / gtIdCount[g];
            if (ratio > 0.8) mt++;
            if (ratio >= 0.2) ptOrMore++;
        }
        long fragTotal = frag.Where(f => f > 0).Sum(f => f - 1);
        return (tp, fn, fp, idsw, mt, ptOrMore - mt, gtIds - ptOrMore, fragTotal);
    }

    // identity.py eval_sequence, over the ids actually present (as TrackEval relabels them).
    private static (long, long, long) LiteralIdentity(List<(int[] Gt, int[] Tr, double[,] Sim)> data, int nGt, int nTr)
    {
        int gtDets = data.Sum(d => d.Gt.Length), trDets = data.Sum(d => d.Tr.Length);
        if (trDets == 0) return (0, gtDets, 0);
        if (gtDets == 0) return (0, 0, trDets);
        var gIds = data.SelectMany(d => d.Gt).Distinct().Order().ToArray();
        var tIds = data.SelectMany(d => d.Tr).Distinct().Order().ToArray();
        int G = gIds.Length, T = tIds.Length;
        var potential = new double[G, T];
        var gc = new double[G];
        var tc = new double[T];
        foreach (var (gt, tr, sim) in data)
        {
            for (int i = 0; i < gt.Length; i++)
                for (int j = 0; j < tr.Length; j++)
                    if (sim[i, j] >= 0.5) potential[Array.IndexOf(gIds, gt[i]), Array.IndexOf(tIds, tr[j])]++;
            foreach (int g in gt) gc[Array.IndexOf(gIds, g)]++;
            foreach (int t in tr) tc[Array.IndexOf(tIds, t)]++;
        }
        int n = G + T;
        var fnm = new double[n, n];
        var fpm = new double[n, n];
        for (int r = G; r < n; r++) for (int c = 0; c < T; c++) fpm[r, c] = 1e10;
        for (int r = 0; r < G; r++) for (int c = T; c < n; c++) fnm[r, c] = 1e10;
        for (int g = 0; g < G; g++) { for (int c = 0; c < T; c++) fnm[g, c] = gc[g]; fnm[g, T + g] = gc[g]; }
        for (int t = 0; t < T; t++) { for (int r = 0; r < G; r++) fpm[r, t] = tc[t]; fpm[t + G, t] = tc[t]; }
        for (int g = 0; g < G; g++) for (int t = 0; t < T; t++) { fnm[g, t] -= potential[g, t]; fpm[g, t] -= potential[g, t]; }
        var cost = new double[n, n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) cost[r, c] = fnm[r, c] + fpm[r, c];
        double idfn = 0, idfp = 0;
        foreach (var (r, c) in LinearAssignment.Solve(cost)) { idfn += fnm[r, c]; idfp += fpm[r, c]; }
        return ((long)(gc.Sum() - idfn), (long)idfn, (long)idfp);
    }
}
