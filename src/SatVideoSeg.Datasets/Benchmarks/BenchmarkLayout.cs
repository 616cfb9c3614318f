namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>Folder layouts of tracking benchmarks that `convert` reads (FORMATS.md §8).</summary>
public enum BenchmarkLayout
{
    /// <summary>Detect the layout from the folder (an error names the candidates when several fit).</summary>
    Auto,

    /// <summary>SAT-MTB: <c>&lt;cls&gt;/&lt;NN&gt;/img/000001.png</c> with <c>mot/&lt;NN&gt;.txt</c> and/or <c>det/HBB</c>, <c>det/OBB</c> XML.</summary>
    SatMtb,

    /// <summary>VISO: <c>&lt;cat&gt;/&lt;seq&gt;/img/000001.jpg</c> + <c>gt/gt.txt</c> (comma xywh or space xyxy).</summary>
    Viso,

    /// <summary>Single-object (SatSOT, SV248S): <c>&lt;seq&gt;/groundtruth.txt</c>, one x,y,w,h per frame.</summary>
    Sot,

    /// <summary>OOTB: <c>&lt;seq&gt;/groundtruth.txt</c>, 8 values per frame (oriented box corners).</summary>
    Ootb,

    /// <summary>Generic MOT (MOTChallenge-like): <c>&lt;seq&gt;/img1|img/</c> + <c>&lt;seq&gt;/gt/gt.txt</c>, our class ids.</summary>
    Mot,
}
