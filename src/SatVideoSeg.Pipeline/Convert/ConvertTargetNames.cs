namespace SatVideoSeg.Pipeline.Convert;

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
