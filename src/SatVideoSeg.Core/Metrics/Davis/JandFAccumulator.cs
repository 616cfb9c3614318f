using SatVideoSeg.Core.Assignment;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Core.Metrics.Tracking;

namespace SatVideoSeg.Core.Metrics.Davis;

/// <summary>
/// DAVIS J&amp;F of one sequence (davis2017-evaluation, <c>db_eval_iou</c>, <c>f_measure</c>,
/// <c>db_statistics</c>), streamed: frames arrive one at a time and only per-object and per-pair
/// sums are kept, never past masks.
/// </summary>
/// <remarks>
/// <para>Every annotated object is scored in every evaluated frame, also where it is absent: an
/// absent object against an absent prediction scores J = F = 1, one absent and one present 0
/// (the reference's empty-mask rules: J = 1 when the union is empty; F = 1 when neither has a
/// boundary, 0 when only one has).</para>
/// <para>Streaming works because a pair's per-frame value is the "both empty" value except in frames
/// where one of them is listed. The accumulator keeps, per annotated object g, the difference its
/// presence makes against an empty prediction; per predicted object p, the difference against an
/// empty annotation; and per pair listed together, the remaining correction. Any pair's totals are
/// then baseline + g's difference + p's difference + the pair correction, so objects may appear at
/// any frame, and the Hungarian modes can pair objects after the last frame.</para>
/// <para>Decay bins follow <c>db_statistics</c>: ids = round(linspace(1, T, 5) + 1e-10) - 1, bin i
/// = frames ids[i]..ids[i+1] inclusive, Decay = mean(bin 0) - mean(bin 3). The reference casts ids
/// to uint8, which wraps beyond 256 evaluated frames; this implementation uses the intended indices.</para>
/// </remarks>
public sealed class JandFAccumulator
{
    private const int Stats = 8; // J, F, [J>0.5], [F>0.5], J in bin 0, F in bin 0, J in bin 3, F in bin 3

    private readonly JandFOptions _options;
    private readonly int _radius;
    private readonly int _firstFrame;
    private readonly int _evaluated;
    private readonly int _bin0End, _bin3Start;
    private readonly Dictionary<int, double[]> _gtDiff = [];
    private readonly Dictionary<int, double[]> _predDiff = [];
    private readonly Dictionary<(int Gt, int Pred), double[]> _pairCorrection = [];
    private int _lastFrame = -1;

    /// <summary>Creates the accumulator for a sequence of <paramref name="frameCount"/> frames of the given size.</summary>
    public JandFAccumulator(int frameCount, int width, int height, JandFOptions? options = null)
    {
        if (frameCount < 0) throw new ArgumentOutOfRangeException(nameof(frameCount), frameCount, "frame count must not be negative");
        _options = options ?? new JandFOptions();
        _radius = DavisBoundary.Radius(width, height, _options.BoundaryThreshold);
        FrameCount = frameCount;
        _firstFrame = _options.SkipFirstAndLastFrame ? 1 : 0;
        _evaluated = Math.Max(0, _options.SkipFirstAndLastFrame ? frameCount - 2 : frameCount);
        if (_evaluated > 0)
        {
            int Id(int i) => (int)Math.Round(1 + i * ((_evaluated - 1) / 4.0) + 1e-10, MidpointRounding.ToEven) - 1;
            // linspace's last point is exactly the stop value.
            int[] ids = [Id(0), Id(1), Id(2), Id(3), _evaluated - 1];
            Bin0Start = ids[0];
            _bin0End = ids[1];
            _bin3Start = ids[3];
            Bin3End = ids[4];
        }
    }

    /// <summary>Frames in the sequence.</summary>
    public int FrameCount { get; }

    /// <summary>Frames that enter the scores (FrameCount - 2 when the first and last are skipped).</summary>
    public int EvaluatedFrames => _evaluated;

    /// <summary>Disk radius of the boundary tolerance in pixels.</summary>
    public int Radius => _radius;

    private int Bin0Start { get; }

    private int Bin3End { get; }

    /// <summary>
    /// Adds frame <paramref name="frameIndex"/> (0-based, increasing; frames never added count as
    /// having no objects). <paramref name="voidMask"/> (DAVIS label 255) is left out of both J and F.
    /// </summary>
    public void Add(int frameIndex, IReadOnlyList<TrackedMask> annotated, IReadOnlyList<TrackedMask> predicted, BitMask? voidMask = null)
    {
        if (frameIndex <= _lastFrame || frameIndex >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"frames must be added once each, in increasing order, within 0..{FrameCount - 1} (last added: {_lastFrame})");
        _lastFrame = frameIndex;
        // Register ids even in skipped frames: an object annotated only there is still an object.
        foreach (var o in annotated) _gtDiff.TryAdd(o.TrackId, new double[Stats]);
        foreach (var o in predicted) _predDiff.TryAdd(o.TrackId, new double[Stats]);
        int k = frameIndex - _firstFrame;
        if (k < 0 || k >= _evaluated) return;

        var gt = annotated.Select(o => Prepare(o, voidMask)).ToArray();
        var pred = predicted.Select(o => Prepare(o, voidMask)).ToArray();
        Span<double> both = stackalloc double[Stats];
        Span<double> value = stackalloc double[Stats];
        Fill(both, 1, 1, k);
        var gtVsEmpty = new double[gt.Length][];
        for (int i = 0; i < gt.Length; i++)
        {
            // Annotation present, prediction empty: J = 1 only if the (void-free) mask is empty; F = 1 only without boundary.
            gtVsEmpty[i] = new double[Stats];
            Fill(gtVsEmpty[i], gt[i].Area == 0 ? 1 : 0, gt[i].BoundaryArea == 0 ? 1 : 0, k);
            AddDiff(_gtDiff[gt[i].Id], gtVsEmpty[i], both);
        }
        var predVsEmpty = new double[pred.Length][];
        for (int j = 0; j < pred.Length; j++)
        {
            predVsEmpty[j] = new double[Stats];
            Fill(predVsEmpty[j], pred[j].Area == 0 ? 1 : 0, pred[j].BoundaryArea == 0 ? 1 : 0, k);
            AddDiff(_predDiff[pred[j].Id], predVsEmpty[j], both);
        }
        for (int i = 0; i < gt.Length; i++)
        {
            for (int j = 0; j < pred.Length; j++)
            {
                if (_options.Matching == JandFMatching.ById && gt[i].Id != pred[j].Id) continue;
                var (jv, fv) = Score(gt[i], pred[j]);
                Fill(value, jv, fv, k);
                var key = (gt[i].Id, pred[j].Id);
                if (!_pairCorrection.TryGetValue(key, out var c)) _pairCorrection[key] = c = new double[Stats];
                for (int s = 0; s < Stats; s++) c[s] += value[s] - gtVsEmpty[i][s] - predVsEmpty[j][s] + both[s];
            }
        }
    }

    /// <summary>Pairs the objects (per <see cref="JandFOptions.Matching"/>) and returns the sequence's scores.</summary>
    public JandFResult Compute()
    {
        var gtIds = _gtDiff.Keys.Order().ToArray();
        if (gtIds.Length == 0 || _evaluated == 0) return new JandFResult { NumGtTracks = _evaluated == 0 ? 0 : gtIds.Length };
        var predIds = _predDiff.Keys.Order().ToArray();
        var pairing = new Dictionary<int, int?>();
        if (_options.Matching == JandFMatching.ById)
        {
            foreach (int g in gtIds) pairing[g] = _predDiff.ContainsKey(g) ? g : null;
        }
        else
        {
            // Rows: predicted objects, padded with empty ones up to the number of annotated objects (as both references do).
            int rows = Math.Max(predIds.Length, gtIds.Length);
            var cost = new double[rows, gtIds.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < gtIds.Length; c++)
                {
                    var t = Totals(gtIds[c], r < predIds.Length ? predIds[r] : null);
                    double meanJ = t[0] / _evaluated, meanF = t[1] / _evaluated;
                    cost[r, c] = -(_options.Matching == JandFMatching.HungarianJ ? meanJ : (meanJ + meanF) / 2);
                }
            foreach (var (r, c) in LinearAssignment.Solve(cost)) pairing[gtIds[c]] = r < predIds.Length ? predIds[r] : null;
        }

        double n0 = _bin0End - Bin0Start + 1, n3 = Bin3End - _bin3Start + 1;
        var objects = new Dictionary<int, JandFObjectScore>();
        foreach (int g in gtIds)
        {
            var p = pairing[g];
            var t = Totals(g, p);
            objects[g] = new JandFObjectScore(p,
                t[0] / _evaluated, t[2] / _evaluated, t[4] / n0 - t[6] / n3,
                t[1] / _evaluated, t[3] / _evaluated, t[5] / n0 - t[7] / n3);
        }
        var all = objects.Values;
        return new JandFResult
        {
            NumGtTracks = gtIds.Length,
            JMean = all.Average(o => o.JMean), JRecall = all.Average(o => o.JRecall), JDecay = all.Average(o => o.JDecay),
            FMean = all.Average(o => o.FMean), FRecall = all.Average(o => o.FRecall), FDecay = all.Average(o => o.FDecay),
            Objects = objects,
        };
    }

    // Sums over the evaluated frames of the stat vector of annotated object g against predicted object p (null = always empty).
    private double[] Totals(int g, int? p)
    {
        var t = new double[Stats];
        // Baseline: both empty in every evaluated frame, J = F = 1.
        t[0] = t[1] = t[2] = t[3] = _evaluated;
        t[4] = t[5] = _bin0End - Bin0Start + 1;
        t[6] = t[7] = Bin3End - _bin3Start + 1;
        Add(t, _gtDiff[g]);
        if (p is int pid)
        {
            Add(t, _predDiff[pid]);
            if (_pairCorrection.TryGetValue((g, pid), out var c)) Add(t, c);
        }
        return t;
    }

    private (double J, double F) Score(Prepared gt, Prepared pred)
    {
        long union = gt.Area + pred.Area - gt.Mask.IntersectionArea(pred.Mask);
        double j = union == 0 ? 1 : (double)gt.Mask.IntersectionArea(pred.Mask) / union;
        double f = DavisBoundary.FMeasureOfBoundaries(pred.Boundary, gt.Boundary, _radius);
        return (j, f);
    }

    private void Fill(Span<double> v, double j, double f, int k)
    {
        v[0] = j;
        v[1] = f;
        v[2] = j > 0.5 ? 1 : 0;
        v[3] = f > 0.5 ? 1 : 0;
        bool in0 = k >= Bin0Start && k <= _bin0End, in3 = k >= _bin3Start && k <= Bin3End;
        v[4] = in0 ? j : 0;
        v[5] = in0 ? f : 0;
        v[6] = in3 ? j : 0;
        v[7] = in3 ? f : 0;
    }

    private static void AddDiff(double[] target, ReadOnlySpan<double> value, ReadOnlySpan<double> baseline)
    {
        for (int s = 0; s < Stats; s++) target[s] += value[s] - baseline[s];
    }

    private static void Add(double[] target, double[] more)
    {
        for (int s = 0; s < Stats; s++) target[s] += more[s];
    }

    private static Prepared Prepare(TrackedMask o, BitMask? voidMask)
    {
        var mask = voidMask is null || voidMask.IsEmpty ? o.Mask : o.Mask.Subtract(voidMask);
        var boundary = DavisBoundary.Seg2Bmap(mask);
        return new Prepared(o.TrackId, mask, mask.Area, boundary, boundary.Area);
    }

    private sealed record Prepared(int Id, BitMask Mask, long Area, BitMask Boundary, long BoundaryArea);
}
