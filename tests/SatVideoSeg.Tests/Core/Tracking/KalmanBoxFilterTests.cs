using MathNet.Numerics.LinearAlgebra;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Tracking;

namespace SatVideoSeg.Tests.Core.Tracking;

public class KalmanBoxFilterTests
{
    private static readonly KalmanBoxFilter Filter = new();

    private static BoxXyxy Box(double cx, double cy, double w, double h) => new(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);

    private static double CentreError(BoxXyxy a, BoxXyxy b) => Math.Sqrt(Math.Pow(a.CenterX - b.CenterX, 2) + Math.Pow(a.CenterY - b.CenterY, 2));

    [Fact]
    public void Initiate_Puts_The_Box_In_The_Mean_With_Zero_Velocity()
    {
        var box = new BoxXyxy(10, 20, 22, 28);

        var s = Filter.Initiate(box);

        Assert.Equal(new[] { 16.0, 24, 12, 8, 0, 0, 0, 0 }, s.Mean.ToArray());
        Assert.Equal(box, KalmanBoxFilter.ToBox(s));
        // Position std 2 * max(0.5, 12/20) = 1.2 px for x, 2 * max(0.5, 8/20) = 1 px for y.
        Assert.Equal(1.44, s.Covariance[0, 0], 9);
        Assert.Equal(1.0, s.Covariance[1, 1], 9);
    }

    [Fact]
    public void A_Constant_Velocity_Track_Is_Predicted_Within_A_Tenth_Of_A_Pixel_Once_Warmed_Up()
    {
        // A 10x8 car moving (2, -1) px per frame, measured exactly every frame.
        var s = Filter.Initiate(Box(50, 80, 10, 8));
        for (int t = 1; t <= 40; t++)
        {
            s = Filter.Predict(s);
            var truth = Box(50 + 2 * t, 80 - t, 10, 8);
            if (t > 15) Assert.True(CentreError(KalmanBoxFilter.ToBox(s), truth) < 0.1, $"frame {t}: error {CentreError(KalmanBoxFilter.ToBox(s), truth):0.000} px");
            s = Filter.Update(s, truth);
        }
        Assert.Equal(2.0, s.VelocityX, 1);
        Assert.Equal(-1.0, s.VelocityY, 1);
    }

    [Fact]
    public void A_Turning_Track_Is_Predicted_Within_Two_Pixels()
    {
        // A 12 px airplane on a circle of radius 60 px at 3 px/frame (a quarter turn in ~31 frames).
        const double radius = 60, speed = 3;
        BoxXyxy At(int t) => Box(200 + radius * Math.Cos(t * speed / radius), 200 + radius * Math.Sin(t * speed / radius), 12, 12);
        var s = Filter.Initiate(At(0));
        double worst = 0;
        for (int t = 1; t <= 120; t++)
        {
            s = Filter.Predict(s);
            if (t > 5) worst = Math.Max(worst, CentreError(KalmanBoxFilter.ToBox(s), At(t)));
            s = Filter.Update(s, At(t));
        }
        // The constant-velocity model lags the turn (centripetal acceleration 0.15 px/frame²), but boundedly.
        Assert.True(worst < 2, $"worst one-step error {worst:0.00} px");
    }

    [Fact]
    public void Without_Updates_The_Covariance_Grows_And_The_Mean_Coasts_On_Its_Velocity()
    {
        var s = Filter.Initiate(Box(50, 50, 10, 10));
        for (int t = 1; t <= 10; t++) s = Filter.Update(Filter.Predict(s), Box(50 + t, 50, 10, 10));
        double cx = s.CenterX, vx = s.VelocityX;
        double previous = s.Covariance[0, 0];

        for (int k = 1; k <= 20; k++)
        {
            s = Filter.Predict(s);
            Assert.True(s.Covariance[0, 0] > previous, $"step {k}: variance {s.Covariance[0, 0]} did not grow from {previous}");
            Assert.True(s.Covariance[1, 1] > 0 && s.Covariance[4, 4] > 0);
            previous = s.Covariance[0, 0];
            Assert.Equal(cx + k * vx, s.CenterX, 9);
        }
    }

    [Fact]
    public void Update_And_Predict_Leave_The_Given_State_Unchanged()
    {
        var s = Filter.Initiate(Box(50, 50, 10, 10));
        var mean = s.Mean.ToArray();
        var cov = s.Covariance.ToArray();

        _ = Filter.Update(Filter.Predict(s), Box(53, 52, 10, 10));
        _ = Filter.Predict(s);

        Assert.Equal(mean, s.Mean.ToArray());
        Assert.Equal(cov, s.Covariance.ToArray());
    }

    [Fact]
    public void The_Gating_Distance_Is_Zero_At_The_Prediction_And_Beyond_The_Chi_Square_Gate_Far_Away()
    {
        var s = Filter.Predict(Filter.Initiate(Box(50, 50, 10, 10)));

        Assert.Equal(0, Filter.GatingDistance(s, KalmanBoxFilter.ToBox(s)), 9);
        Assert.True(Filter.GatingDistance(s, Box(51, 50, 10, 10), onlyPosition: true) < KalmanBoxFilter.ChiSquare95[2]);
        Assert.True(Filter.GatingDistance(s, Box(70, 50, 10, 10), onlyPosition: true) > KalmanBoxFilter.ChiSquare95[2]);
        Assert.True(Filter.GatingDistance(s, Box(50, 50, 30, 30)) > KalmanBoxFilter.ChiSquare95[4]);
    }

    [Fact]
    public void The_Gating_Table_Holds_The_Chi_Square_95_Percent_Quantiles()
    {
        Assert.Equal(new[] { 3.8415, 5.9915, 7.8147, 9.4877, 11.070, 12.592, 14.067, 15.507, 16.919 }, KalmanBoxFilter.ChiSquare95.Skip(1));
    }

    [Fact]
    public void Predict_And_Update_Match_The_Textbook_Matrix_Formulas()
    {
        // The filter writes F P Fᵀ and K H P out element by element; check them against plain matrix algebra.
        var m = Matrix<double>.Build;
        var f = m.DenseIdentity(8);
        var h = m.Dense(4, 8);
        for (int i = 0; i < 4; i++)
        {
            f[i, i + 4] = 1;
            h[i, i] = 1;
        }
        var s0 = Filter.Update(Filter.Predict(Filter.Initiate(Box(40, 30, 14, 9))), Box(42, 31, 15, 9));
        double w = s0.Width, hh = s0.Height;
        static double P(double size) => Math.Max(0.5, size / 20);
        static double Vv(double size) => Math.Max(0.1, size / 160);
        var q = m.DenseOfDiagonalArray(new[] { P(w), P(hh), P(w), P(hh), Vv(w), Vv(hh), Vv(w), Vv(hh) }.Select(x => x * x).ToArray());

        var predicted = Filter.Predict(s0);

        Assert.True((f * s0.Covariance * f.Transpose() + q - predicted.Covariance).Enumerate().All(x => Math.Abs(x) < 1e-9));
        Assert.True((f * s0.Mean - predicted.Mean).Enumerate().All(x => Math.Abs(x) < 1e-9));

        var z = Vector<double>.Build.Dense([45, 33, 15, 10]);
        var r = m.DenseOfDiagonalArray(new[] { P(predicted.Width), P(predicted.Height), P(predicted.Width), P(predicted.Height) }.Select(x => x * x).ToArray());
        var sMat = h * predicted.Covariance * h.Transpose() + r;
        var gain = predicted.Covariance * h.Transpose() * sMat.Inverse();
        var updated = Filter.Update(predicted, Box(45, 33, 15, 10));

        Assert.True((predicted.Mean + gain * (z - h * predicted.Mean) - updated.Mean).Enumerate().All(x => Math.Abs(x) < 1e-9));
        Assert.True((predicted.Covariance - gain * sMat * gain.Transpose() - updated.Covariance).Enumerate().All(x => Math.Abs(x) < 1e-9));
    }

    [Fact]
    public void ResetTo_Puts_The_Box_And_A_New_Tracks_Uncertainty_In_The_State_And_Keeps_The_Velocity()
    {
        // A track that coasted 10 frames at (2, -1) px per frame: far from the box and unsure.
        var s = Filter.Initiate(Box(50, 50, 10, 10));
        s = new KalmanState(s.Mean.Clone(), s.Covariance.Clone());
        s.Mean[4] = 2;
        s.Mean[5] = -1;
        for (int i = 0; i < 10; i++) s = Filter.Predict(s);
        var box = Box(80, 35, 12, 9);

        var reset = Filter.ResetTo(s, box);

        var fresh = Filter.Initiate(box);
        Assert.Equal(box, KalmanBoxFilter.ToBox(reset));
        Assert.Equal((2.0, -1.0), (reset.VelocityX, reset.VelocityY));
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++)
            {
                double expected = i < 4 && j < 4 ? fresh.Covariance[i, j] : i >= 4 && j >= 4 ? s.Covariance[i, j] : 0;
                Assert.Equal(expected, reset.Covariance[i, j], 9);
            }
    }
}
