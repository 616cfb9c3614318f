namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Noise constants of <see cref="KalmanBoxFilter"/>. As in SORT/ByteTrack (and BoT-SORT's xywh
/// variant), standard deviations scale with the box size: position std = PositionWeight x size,
/// velocity std = VelocityWeight x size, with ByteTrack's weights 1/20 and 1/160. Satellite
/// objects are 8-120 px, so a car of 9 px would get a 0.45 px position std, below the 0.5 px
/// rounding error of integer annotations; the floors keep the filter from trusting sub-pixel
/// noise and let velocity turn (a car turning at 1 px/frame changes velocity by ~0.1 px/frame).
/// </summary>
/// <param name="PositionWeight">Position std per pixel of size (ByteTrack: 1/20).</param>
/// <param name="VelocityWeight">Velocity std per pixel of size, per frame (ByteTrack: 1/160).</param>
/// <param name="MinPositionStd">Floor of every position/size std, pixels.</param>
/// <param name="MinVelocityStd">Floor of every velocity std, pixels per frame.</param>
/// <param name="MinInitialVelocityStd">
/// Floor of a new track's velocity std, pixels per frame. ByteTrack's 10σv gives a 9 px car 0.56 px/frame,
/// yet satellite cars move 1-3 px/frame (a third of their length): the filter would need many frames to
/// learn their speed, and predicted prompts would trail the object meanwhile.
/// </param>
public sealed record KalmanNoise(
    double PositionWeight = 1.0 / 20,
    double VelocityWeight = 1.0 / 160,
    double MinPositionStd = 0.5,
    double MinVelocityStd = 0.1,
    double MinInitialVelocityStd = 2.0)
{
    /// <summary>The constants above.</summary>
    public static KalmanNoise Default { get; } = new();
}
