using SatVideoSeg.Datasets.Mots;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>Where `convert` puts each output below the output folder.</summary>
public static class ConvertPaths
{
    /// <summary>report.json.</summary>
    public static string Report(string output) => Path.Combine(output, "report.json");

    /// <summary>report.html.</summary>
    public static string ReportPage(string output) => Path.Combine(output, Reports.HtmlReportWriter.FileName);

    /// <summary>Done marker of a sequence: status/&lt;seq&gt;.json.</summary>
    public static string Status(string output, string sequence) => Path.Combine(output, "status", sequence + ".json");

    /// <summary>Lock file of a sequence while a run converts it: status/&lt;seq&gt;.lock (deleted when the run lets go).</summary>
    public static string SequenceLock(string output, string sequence) => Path.Combine(output, "status", sequence + ".lock");

    /// <summary>mots/&lt;seq&gt; (holds gt/gt.txt and seqinfo.ini).</summary>
    public static string MotsSequence(string output, string sequence) => Path.Combine(output, "mots", sequence);

    /// <summary>mots/&lt;seq&gt;/gt/gt.txt.</summary>
    public static string MotsGt(string output, string sequence) => Path.Combine(MotsSequence(output, sequence), "gt", "gt.txt");

    /// <summary>mots/classes.txt.</summary>
    public static string MotsClassMap(string output) => Path.Combine(output, "mots", Datasets.Mots.MotsClassMap.FileName);

    /// <summary>mots/&lt;seq&gt;/seqinfo.ini.</summary>
    public static string MotsSeqInfo(string output, string sequence) => Path.Combine(MotsSequence(output, sequence), Datasets.Mots.MotsSeqInfo.FileName);

    /// <summary>ytvis/videos/&lt;seq&gt;.json: a YouTube-VIS file with this sequence only.</summary>
    public static string YtvisVideo(string output, string sequence) => Path.Combine(output, "ytvis", "videos", sequence + ".json");

    /// <summary>ytvis/instances.json: every sequence, written when all are done.</summary>
    public static string YtvisMerged(string output) => Path.Combine(output, "ytvis", "instances.json");

    /// <summary>davis/Annotations/&lt;seq&gt;.</summary>
    public static string DavisSequence(string output, string sequence) => Path.Combine(output, "davis", "Annotations", sequence);

    /// <summary>davis/ImageSets/all.txt: the sequence names, written when all are done.</summary>
    public static string DavisImageSet(string output) => Path.Combine(output, "davis", "ImageSets", "all.txt");

    /// <summary>Map of a sequence's MOTS ids to the benchmark's (when they differ): <c>mots/&lt;seq&gt;/gt/ids.json</c>.</summary>
    public static string MotsIdMap(string output, string sequence) => Path.Combine(Path.GetDirectoryName(MotsGt(output, sequence))!, Datasets.Ids.TrackIdMap.FileName);

    /// <summary>Map of a sequence's DAVIS pixel values to the benchmark's ids (when they differ): <c>davis/Annotations/&lt;seq&gt;/ids.json</c>.</summary>
    public static string DavisIdMap(string output, string sequence) => Path.Combine(DavisSequence(output, sequence), Datasets.Ids.TrackIdMap.FileName);
}
