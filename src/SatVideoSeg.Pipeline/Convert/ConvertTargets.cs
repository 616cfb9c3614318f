namespace SatVideoSeg.Pipeline.Convert;

/// <summary>Output formats of `convert` (any combination).</summary>
[Flags]
public enum ConvertTargets
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>MOTSChallenge folders: <c>mots/&lt;seq&gt;/gt/gt.txt</c> + <c>seqinfo.ini</c>, and <c>mots/classes.txt</c>.</summary>
    Mots = 1,

    /// <summary>YouTube-VIS JSON with COCO RLE: <c>ytvis/videos/&lt;seq&gt;.json</c>, merged into <c>ytvis/instances.json</c>.</summary>
    Ytvis = 2,

    /// <summary>DAVIS palette PNGs: <c>davis/Annotations/&lt;seq&gt;/00000.png</c> (16-bit MOTS PNGs above 254 objects).</summary>
    Davis = 4,

    /// <summary>All three.</summary>
    All = Mots | Ytvis | Davis,
}
