namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// Tells which benchmark layout a folder holds by probing for each layout's signature files:
/// SAT-MTB <c>&lt;cls&gt;/&lt;NN&gt;/img</c> with <c>mot/</c> or <c>det/</c>; VISO <c>&lt;cat&gt;/&lt;seq&gt;/gt/gt.txt</c>;
/// MOT <c>&lt;seq&gt;/gt/gt.txt</c>; SOT / OOTB <c>groundtruth.txt</c> with 4 / 8 values per line.
/// </summary>
public static class LayoutDetector
{
    /// <summary>Every layout that fits, with the number of sequences it would read.</summary>
    public static IReadOnlyList<(BenchmarkLayout Layout, int Sequences)> Candidates(string root)
    {
        var result = new List<(BenchmarkLayout, int)>();
        var twoDeep = FramesFolder.SubFolders(root).SelectMany(FramesFolder.SubFolders).ToArray();
        int satmtb = twoDeep.Count(SatMtbFormat.IsSequence);
        if (satmtb > 0) result.Add((BenchmarkLayout.SatMtb, satmtb));
        int viso = twoDeep.Count(VisoFormat.IsSequence);
        if (viso > 0) result.Add((BenchmarkLayout.Viso, viso));
        int mot = FramesFolder.SubFolders(root).Count(MotChallengeFormat.IsSequence);
        if (mot > 0) result.Add((BenchmarkLayout.Mot, mot));
        var sot = SotFormat.FindSequenceFolders(root)
            .Select(f => SotFormat.ValuesPerLine(Path.Combine(f, SotFormat.GroundTruthFile))).ToArray();
        if (sot.Count(n => n == 4) is > 0 and var s) result.Add((BenchmarkLayout.Sot, s));
        if (sot.Count(n => n == 8) is > 0 and var o) result.Add((BenchmarkLayout.Ootb, o));
        return result;
    }

    /// <summary>The one layout that fits; an error names the candidates when none or several do.</summary>
    public static BenchmarkLayout Detect(string root)
    {
        if (!Directory.Exists(root)) throw new AnnotationFormatException(root, 0, "no such folder");
        var candidates = Candidates(root);
        if (candidates.Count == 1) return candidates[0].Layout;
        if (candidates.Count == 0)
            throw new AnnotationFormatException(root, 0,
                "no known benchmark layout found: expected satmtb (<cls>/<NN>/img + mot/ or det/), viso (<cat>/<seq>/gt/gt.txt), " +
                "mot (<seq>/gt/gt.txt), sot (<seq>/groundtruth.txt with x,y,w,h) or ootb (<seq>/groundtruth.txt with 8 values)");
        throw new AnnotationFormatException(root, 0,
            "ambiguous benchmark layout: the folder fits " +
            string.Join(", ", candidates.Select(c => $"{BenchmarkReader.Name(c.Layout)} ({c.Sequences} sequence{(c.Sequences == 1 ? "" : "s")})")) +
            "; pass --from with one of them");
    }
}
