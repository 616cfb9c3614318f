namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Reads a benchmark folder in a given (or detected) layout: every sequence, sorted by name (ordinal).</summary>
public static class BenchmarkReader
{
    /// <summary>Layout names as the CLI spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "satmtb", "viso", "sot", "ootb", "mot"];

    /// <summary>The CLI name of a layout ("satmtb").</summary>
    public static string Name(BenchmarkLayout layout) => layout.ToString().ToLowerInvariant();

    /// <summary>Parses a CLI layout name (case-insensitive; "sat-mtb" and "satsot" accepted).</summary>
    public static BenchmarkLayout Parse(string name) => name.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "") switch
    {
        "auto" => BenchmarkLayout.Auto,
        "satmtb" => BenchmarkLayout.SatMtb,
        "viso" => BenchmarkLayout.Viso,
        "sot" or "satsot" or "sv248s" => BenchmarkLayout.Sot,
        "ootb" => BenchmarkLayout.Ootb,
        "mot" => BenchmarkLayout.Mot,
        _ => throw new ArgumentException($"unknown layout '{name}': choose one of {string.Join(", ", Names)}"),
    };

    /// <summary>Reads every sequence; the layout actually read is returned with them.</summary>
    public static (BenchmarkLayout Layout, IReadOnlyList<BenchmarkSequence> Sequences) Load(string root, BenchmarkLayout layout = BenchmarkLayout.Auto)
    {
        if (!Directory.Exists(root)) throw new AnnotationFormatException(root, 0, "no such folder");
        if (layout == BenchmarkLayout.Auto) layout = LayoutDetector.Detect(root);
        var sequences = layout switch
        {
            BenchmarkLayout.SatMtb => SatMtbFormat.Load(root),
            BenchmarkLayout.Viso => VisoFormat.Load(root),
            BenchmarkLayout.Sot or BenchmarkLayout.Ootb => SotFormat.Load(root, layout),
            BenchmarkLayout.Mot => MotChallengeFormat.Load(root),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
        };
        if (sequences.Count == 0) throw new AnnotationFormatException(root, 0, $"no {Name(layout)} sequences found");
        var sorted = sequences.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i].Name == sorted[i - 1].Name)
                throw new AnnotationFormatException(root, 0, $"two sequences map to the output name '{sorted[i].Name}': {sorted[i - 1].AnnotationFile} and {sorted[i].AnnotationFile}");
        return (layout, sorted);
    }
}
