using MathNet.Numerics.LinearAlgebra;
using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// A stateless constant-velocity Kalman filter over axis-aligned boxes (ByteTrack's design:
/// <see cref="Initiate"/>, <see cref="Predict"/> and <see cref="Update"/> take and return a
/// <see cref="KalmanState"/>; the filter itself holds only constants).
/// <para>
/// State x = (cx, cy, w, h, vcx, vcy, vw, vh): box centre and size in frame pixels and their
/// velocities in pixels per frame. Motion model x' = F x with F = [[I4, I4], [0, I4]] (one frame
/// step); process noise Q = diag(σp², σp², σp², σp², σv², σv², σv², σv²) with σp, σv from
/// <see cref="KalmanNoise"/> scaled by the current w (x terms) or h (y terms). Measurement
/// z = (cx, cy, w, h) = H x with H = [I4, 0] and noise R = diag(σp²) likewise.
/// </para>
/// </summary>
public sealed class KalmanBoxFilter(KalmanNoise? noise = null)
{
    /// <summary>
    /// 0.95 quantile of the chi-square distribution with N degrees of freedom (N = 1..9), the
    /// gating table of SORT/DeepSORT/ByteTrack: a measurement whose squared Mahalanobis distance
    /// exceeds the entry for its dimension is rejected with 95 % confidence.
    /// </summary>
    public static IReadOnlyList<double> ChiSquare95 { get; } = [double.NaN, 3.8415, 5.9915, 7.8147, 9.4877, 11.070, 12.592, 14.067, 15.507, 16.919];

    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;
    private static readonly VectorBuilder<double> V = Vector<double>.Build;

    private readonly KalmanNoise _noise = noise ?? KalmanNoise.Default;

    /// <summary>
    /// A new track from one box: velocity zero; position std 2σp and velocity std 10σv (ByteTrack's
    /// factors: the first box is trusted, its velocity is unknown), the latter at least
    /// <see cref="KalmanNoise.MinInitialVelocityStd"/>.
    /// </summary>
    public KalmanState Initiate(BoxXyxy box)
    {
        var z = ToMeasurement(box);
        var mean = V.Dense(8);
        z.CopySubVectorTo(mean, 0, 0, 4);
        double w = z[2], h = z[3];
        var std = new[]
        {
            2 * Pos(w), 2 * Pos(h), 2 * Pos(w), 2 * Pos(h),
            InitialVel(w), InitialVel(h), InitialVel(w), InitialVel(h),
        };
        return new KalmanState(mean, M.DenseOfDiagonalArray(std.Select(s => s * s).ToArray()));
    }

    /// <summary>One frame ahead: x' = F x, P' = F P Fᵀ + Q.</summary>
    public KalmanState Predict(KalmanState state)
    {
        double w = state.Mean[2], h = state.Mean[3];
        var m = state.Mean.ToArray();
        for (int i = 0; i < 4; i++) m[i] += m[i + 4];
        // A box cannot shrink below one pixel: a negative size velocity would otherwise invert it.
        m[2] = Math.Max(1, m[2]);
        m[3] = Math.Max(1, m[3]);

        // F = I + E with E[i, i+4] = 1 (i < 4), so F P Fᵀ = P + E P + P Eᵀ + E P Eᵀ, written out
        // element by element: an 8x8 product through the generic provider costs ~100x more.
        var p = state.Covariance.ToArray();
        var c = new double[8, 8];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                double v = p[i, j];
                if (i < 4) v += p[i + 4, j];
                if (j < 4) v += p[i, j + 4];
                if (i < 4 && j < 4) v += p[i + 4, j + 4];
                c[i, j] = v;
            }
        }
        var std = new[] { Pos(w), Pos(h), Pos(w), Pos(h), Vel(w), Vel(h), Vel(w), Vel(h) };
        for (int i = 0; i < 8; i++) c[i, i] += std[i] * std[i];
        return new KalmanState(V.Dense(m), M.DenseOfArray(c));
    }

    /// <summary>The state projected to measurement space: (H x, H P Hᵀ + R), 4 values and 4 x 4.</summary>
    public (Vector<double> Mean, Matrix<double> Covariance) Project(KalmanState state)
    {
        double w = state.Mean[2], h = state.Mean[3];
        var std = new[] { Pos(w), Pos(h), Pos(w), Pos(h) };
        var s = state.Covariance.SubMatrix(0, 4, 0, 4);
        for (int i = 0; i < 4; i++) s[i, i] += std[i] * std[i];
        return (state.Mean.SubVector(0, 4), s);
    }

    /// <summary>
    /// A hard reset to a box the user gave: the box (cx, cy, w, h) exactly, with the uncertainty of
    /// a track started from it (<see cref="Initiate"/>), keeping the state's velocity and its
    /// variance (velocities are never annotated; the caller updates the state with the box first,
    /// so the error the propagation had built up corrects the velocity before the box replaces
    /// the position). The cross terms between position and velocity start again at zero.
    /// </summary>
    public KalmanState ResetTo(KalmanState state, BoxXyxy box)
    {
        var fresh = Initiate(box);
        var mean = state.Mean.Clone();
        fresh.Mean.CopySubVectorTo(mean, 0, 0, 4);
        var covariance = fresh.Covariance.Clone();
        for (int i = 4; i < 8; i++)
            for (int j = 4; j < 8; j++) covariance[i, j] = state.Covariance[i, j];
        return new KalmanState(mean, covariance);
    }

    /// <summary>
    /// Corrects the state with a measured box: S = H P Hᵀ + R, K = P Hᵀ S⁻¹, x' = x + K (z - H x),
    /// P' = P - K S Kᵀ = P - K H P.
    /// </summary>
    public KalmanState Update(KalmanState state, BoxXyxy measured)
    {
        var (projectedMean, s) = Project(state);
        var innovation = ToMeasurement(measured) - projectedMean;
        var p = state.Covariance.ToArray();
        // S is 4x4 symmetric positive definite; its inverse is cheap and exact enough at this size.
        var sInv = s.Inverse().ToArray();
        // K = P Hᵀ S⁻¹: P Hᵀ is the first four columns of P.
        var k = new double[8, 4];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 4; j++)
            {
                double v = 0;
                for (int l = 0; l < 4; l++) v += p[i, l] * sInv[l, j];
                k[i, j] = v;
            }
        var m = state.Mean.ToArray();
        for (int i = 0; i < 8; i++)
            for (int l = 0; l < 4; l++) m[i] += k[i, l] * innovation[l];
        // H P is the first four rows of P.
        var c = new double[8, 8];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++)
            {
                double v = p[i, j];
                for (int l = 0; l < 4; l++) v -= k[i, l] * p[l, j];
                c[i, j] = v;
            }
        // Symmetrise: rounding makes P drift from symmetry over long tracks.
        for (int i = 0; i < 8; i++)
            for (int j = i + 1; j < 8; j++) c[i, j] = c[j, i] = (c[i, j] + c[j, i]) / 2;
        return new KalmanState(V.Dense(m), M.DenseOfArray(c));
    }

    /// <summary>
    /// Squared Mahalanobis distance of a measured box from the state's projection; with
    /// <paramref name="onlyPosition"/> only the centre (2 dof) is compared, else centre and size
    /// (4 dof). Compare with <see cref="ChiSquare95"/>[2] or [4].
    /// </summary>
    public double GatingDistance(KalmanState state, BoxXyxy measured, bool onlyPosition = false)
    {
        var (mean, cov) = Project(state);
        var d = ToMeasurement(measured) - mean;
        if (onlyPosition)
        {
            d = d.SubVector(0, 2);
            cov = cov.SubMatrix(0, 2, 0, 2);
        }
        return d * (cov.Inverse() * d);
    }

    /// <summary>The box of a state's mean (size at least one pixel).</summary>
    public static BoxXyxy ToBox(KalmanState state)
    {
        double w = Math.Max(1, state.Mean[2]), h = Math.Max(1, state.Mean[3]);
        return new BoxXyxy(state.Mean[0] - w / 2, state.Mean[1] - h / 2, state.Mean[0] + w / 2, state.Mean[1] + h / 2);
    }

    private static Vector<double> ToMeasurement(BoxXyxy box) =>
        V.Dense([box.CenterX, box.CenterY, Math.Max(1, box.Width), Math.Max(1, box.Height)]);

    private double Pos(double size) => Math.Max(_noise.MinPositionStd, _noise.PositionWeight * size);

    private double InitialVel(double size) => Math.Max(_noise.MinInitialVelocityStd, 10 * Vel(size));

    private double Vel(double size) => Math.Max(_noise.MinVelocityStd, _noise.VelocityWeight * size);
}
