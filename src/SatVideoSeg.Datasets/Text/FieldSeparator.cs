namespace SatVideoSeg.Datasets.Text;

/// <summary>How a text annotation format separates the fields of a line.</summary>
public enum FieldSeparator
{
    /// <summary>',' (MOT, SAT-MTB, VISO car/train, SOT); spaces or tabs around a field are not part of it.</summary>
    Comma,

    /// <summary>';' (some SOT ground truths); spaces or tabs around a field are not part of it.</summary>
    Semicolon,

    /// <summary>
    /// Runs of spaces or tabs (SOT, VISO plane/ship). A run is one separator, so a missing value
    /// cannot show as an empty field: readers of such files require every row to hold as many
    /// fields as the first (<see cref="AnnotationTextFile"/>).
    /// </summary>
    Whitespace,

    /// <summary>Exactly one space (MOTS txt, as TrackEval reads it): two spaces make an empty field.</summary>
    SingleSpace,
}
