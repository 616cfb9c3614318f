namespace SatVideoSeg.Core.Detections;

/// <summary>Where an object's prompt box came from.</summary>
public enum PromptSource
{
    /// <summary>The annotation (or detector) gave this box for this frame.</summary>
    Annotated,

    /// <summary>No box was given; the box was predicted by the track's Kalman filter.</summary>
    Predicted,
}
