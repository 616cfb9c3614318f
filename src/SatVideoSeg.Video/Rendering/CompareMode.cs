namespace SatVideoSeg.Video.Rendering;

/// <summary>How `render --compare` shows a prediction against ground truth.</summary>
public enum CompareMode
{
    /// <summary>One panel, pixels coloured by agreement: true positive, missed, false.</summary>
    Difference,

    /// <summary>Two panels: ground truth | prediction, each drawn by the overlay renderer.</summary>
    SideBySide,

    /// <summary>Three panels: ground truth | prediction | difference.</summary>
    Both,
}
