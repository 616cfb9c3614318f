using MathNet.Numerics.LinearAlgebra;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// The Gaussian belief of a <see cref="KalmanBoxFilter"/>: mean (8) and covariance (8 x 8) over
/// the state (cx, cy, w, h, vcx, vcy, vw, vh) in frame pixels and pixels per frame.
/// Immutable by convention: the filter never changes a state it is given, it returns a new one.
/// </summary>
/// <param name="Mean">State mean, 8 values.</param>
/// <param name="Covariance">State covariance, 8 x 8.</param>
public readonly record struct KalmanState(Vector<double> Mean, Matrix<double> Covariance)
{
    /// <summary>Box centre x, pixels.</summary>
    public double CenterX => Mean[0];

    /// <summary>Box centre y, pixels.</summary>
    public double CenterY => Mean[1];

    /// <summary>Box width, pixels.</summary>
    public double Width => Mean[2];

    /// <summary>Box height, pixels.</summary>
    public double Height => Mean[3];

    /// <summary>Centre velocity x, pixels per frame.</summary>
    public double VelocityX => Mean[4];

    /// <summary>Centre velocity y, pixels per frame.</summary>
    public double VelocityY => Mean[5];
}
