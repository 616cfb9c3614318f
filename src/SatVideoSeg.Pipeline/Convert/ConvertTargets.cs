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

/// <summary>Parses and names <see cref="ConvertTargets"/> as the CLI spells them ("mots,ytvis,davis").</summary>
public static class ConvertTargetNames
{
    /// <summary>Parses a comma-separated list; an unknown name is an error naming the accepted ones.</summary>
    public static ConvertTargets Parse(string list)
    {
        var t = ConvertTargets.None;
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            t |= name.ToLowerInvariant() switch
            {
                "mots" => ConvertTargets.Mots,
                "ytvis" or "youtube-vis" => ConvertTargets.Ytvis,
                "davis" => ConvertTargets.Davis,
                "all" => ConvertTargets.All,
                _ => throw new ArgumentException($"unknown output format '{name}': choose from mots, ytvis, davis"),
            };
        }
        if (t == ConvertTargets.None) throw new ArgumentException("no output format given: --to takes mots, ytvis and/or davis");
        return t;
    }

    /// <summary>The list as written in reports ("mots,ytvis").</summary>
    public static string Format(ConvertTargets t) =>
        string.Join(',', new[] { (ConvertTargets.Mots, "mots"), (ConvertTargets.Ytvis, "ytvis"), (ConvertTargets.Davis, "davis") }
            .Where(p => t.HasFlag(p.Item1)).Select(p => p.Item2));
}
