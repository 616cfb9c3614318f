namespace SatVideoSeg.Pipeline.Eval;

/// <summary>One row of the results: a sequence (or all sequences combined) and a class (or a class combination).</summary>
/// <param name="Sequence">Sequence name, or <see cref="EvalReport.Combined"/>.</param>
/// <param name="Class">Class name, or <see cref="EvalReport.ClassAveraged"/> / <see cref="EvalReport.DetAveraged"/>.</param>
/// <param name="Metrics">The numbers.</param>
public sealed record EvalScope(string Sequence, string Class, EvalMetrics Metrics);
