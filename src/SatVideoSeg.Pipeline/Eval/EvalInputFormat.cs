namespace SatVideoSeg.Pipeline.Eval;

/// <summary>Layouts `satvidseg eval` reads (detected from the path).</summary>
public enum EvalInputFormat
{
    /// <summary>One MOTS txt file: one sequence.</summary>
    MotsFile,

    /// <summary>MOTSChallenge ground truth: &lt;seq&gt;/gt/gt.txt with &lt;seq&gt;/seqinfo.ini.</summary>
    MotsChallengeFolder,

    /// <summary>A tracker folder of &lt;seq&gt;.txt MOTS files (or its data/ subfolder, as TrackEval lays them out; KITTI label_02 alike).</summary>
    MotsTrackerFolder,

    /// <summary>YouTube-VIS JSON: a ground-truth file or a results list (read against the ground truth's videos).</summary>
    YouTubeVisJson,

    /// <summary>DAVIS: &lt;seq&gt;/00000.png indexed PNG folders (or a single such folder).</summary>
    DavisFolder,
}
